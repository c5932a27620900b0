using Microsoft.Data.Sqlite;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Installs the cluster database on SQLite: what Orleans' ADO.NET grain storage reads (the <c>OrleansQuery</c>
/// rows and the <c>OrleansStorage</c> table), our reminder table, the always-on registry and the session leases, all
/// from the embedded script <c>Sqlite-Cluster.sql</c>. Idempotent, and safe when several installers run at once.</summary>
public sealed class SqliteClusterSchema(string connectionString) : IClusterSchema
{
    private const string ScriptName = "Cluster.Hosting.Storage.Sqlite.Sqlite-Cluster.sql";

    private static readonly Lazy<string> script = new(ReadScript);

    /// <summary>The SQL this installer runs.</summary>
    public static string Script => script.Value;

    /// <summary>Switches the database to WAL (a reader does not wait for the writer, nor the writer for readers), then
    /// runs the script in one transaction: a silo that starts against the database sees all of it or none of it.</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);

        // The journal mode is kept in the database file, so this is a no-op from the second start on. It cannot change
        // inside a transaction, hence before it; an in-memory database answers "memory" and stays so.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        // BEGIN IMMEDIATE takes the write lock up front: a second installer waits (busy timeout) for the first to
        // commit, then finds everything in place, rather than failing halfway to upgrade a read lock.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Script;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadScript()
    {
        using var stream = typeof(SqliteClusterSchema).Assembly.GetManifestResourceStream(ScriptName)
            ?? throw new InvalidOperationException($"The embedded schema script {ScriptName} is missing from {typeof(SqliteClusterSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using Microsoft.Data.Sqlite;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Opens the connections our own SQLite code uses (schema, reminders, always-on registry, leases): each one
/// waits for a busy database instead of failing at once.</summary>
internal static class SqliteConnections
{
    /// <summary>Opens a connection and sets SQLite's busy timeout to the connection's <c>Default Timeout</c> (30 s unless
    /// the connection string says otherwise). In WAL mode (set by <see cref="SqliteClusterSchema"/>) readers never wait
    /// for the writer; writers queue behind each other, and the timeout is how long one waits for its turn.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {checked(connection.DefaultTimeout * 1000)};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds a named parameter (<c>@name</c> in the SQL).</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>The cluster's tables in one SQLite file: the embedded default, and safe for several silo
/// processes on one machine sharing the file (WAL, busy timeout, writes as single statements or
/// <c>BEGIN IMMEDIATE</c> transactions).</summary>
public sealed class SqliteClusterStorage : IClusterStorage, IDisposable
{
    private readonly SqliteDatabase database;
    private readonly ILogger logger;

    public SqliteClusterStorage(string connectionString, TimeSpan busyTimeout, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        logger = loggerFactory.CreateLogger<SqliteClusterStorage>();
        database = new SqliteDatabase(connectionString, busyTimeout, logger);
        Membership = new SqliteMembershipTable(database);
        Directory = new SqliteGrainDirectoryTable(database, logger);
        States = new SqliteGrainStateTable(database);
        Reminders = new SqliteReminderTable(database);
        AlwaysOn = new SqliteAlwaysOnTable(database);
    }

    public IMembershipTable Membership { get; }
    public IGrainDirectoryTable Directory { get; }
    public IGrainStateTable States { get; }
    public IReminderTable Reminders { get; }
    public IAlwaysOnTable AlwaysOn { get; }

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = EmbeddedMigration.Load("Sqlite");
        return database.RunAsync("migrate", connection =>
        {
            // WAL lets readers and one writer of other processes work at once; it is a property of the file
            // and cannot be switched inside a transaction.
            using (var wal = SqliteDatabase.Command(connection, "PRAGMA journal_mode = WAL;"))
            {
                wal.ExecuteScalar();
            }
            // BEGIN IMMEDIATE takes the write lock first, so silos starting together migrate one after another.
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var create = SqliteDatabase.Command(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL);", transaction))
            {
                create.ExecuteNonQuery();
            }
            var applied = new HashSet<string>(StringComparer.Ordinal);
            using (var read = SqliteDatabase.Command(connection, "SELECT id FROM schema_migrations;", transaction))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetString(0));
                }
            }
            foreach (var migration in migrations)
            {
                if (applied.Contains(migration.Id))
                {
                    continue;
                }
                using (var apply = SqliteDatabase.Command(connection, migration.Sql, transaction))
                {
                    apply.ExecuteNonQuery();
                }
                using (var record = SqliteDatabase.Command(connection,
                    $"INSERT INTO schema_migrations (id, applied_at) VALUES ($id, {SqliteDatabase.NowMs});", transaction))
                {
                    record.Parameters.AddWithValue("$id", migration.Id);
                    record.ExecuteNonQuery();
                }
                StorageLog.MigrationApplied(logger, "Sqlite", migration.Id);
            }
            transaction.Commit();
            StorageLog.SchemaUpToDate(logger, "Sqlite", migrations.Count);
        }, cancellationToken);
    }

    /// <summary>Closes the pooled connections to the file (idle ones now, busy ones when returned), so it can be deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        database.RunAsync("ping", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "SELECT 1;");
            command.ExecuteScalar();
        }, cancellationToken);
}

using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>The cluster's tables in PostgreSQL (production, Kubernetes), over one pooled
/// <see cref="NpgsqlDataSource"/>. Claims and fenced writes are single statements: one round trip each.</summary>
public sealed class PostgresClusterStorage : IClusterStorage, IAsyncDisposable, IDisposable
{
    // Any constant shared by every silo of every version: it serialises migrations across the cluster.
    private const long MigrationLockKey = 0x436c757374657201;

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;

    public PostgresClusterStorage(string connectionString, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        logger = loggerFactory.CreateLogger<PostgresClusterStorage>();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The hot statements (claim, heartbeat, state write) repeat endlessly: prepare them once per connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }
        builder.UseLoggerFactory(loggerFactory);
        dataSource = builder.Build();
        Membership = new PostgresMembershipTable(dataSource);
        Directory = new PostgresGrainDirectoryTable(dataSource, logger);
        States = new PostgresGrainStateTable(dataSource);
        Reminders = new PostgresReminderTable(dataSource);
        AlwaysOn = new PostgresAlwaysOnTable(dataSource);
    }

    public IMembershipTable Membership { get; }
    public IGrainDirectoryTable Directory { get; }
    public IGrainStateTable States { get; }
    public IReminderTable Reminders { get; }
    public IAlwaysOnTable AlwaysOn { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = EmbeddedMigration.Load("Postgres");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The lock comes first: even CREATE TABLE IF NOT EXISTS fails when two sessions run it at once.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_migrations (id text NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT id FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES (@id)", connection, transaction))
            {
                record.Parameters.AddWithValue("id", migration.Id);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            StorageLog.MigrationApplied(logger, "Postgres", migration.Id);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        StorageLog.SchemaUpToDate(logger, "Postgres", migrations.Count);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}

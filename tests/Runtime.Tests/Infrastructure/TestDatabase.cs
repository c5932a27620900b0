using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>One throwaway cluster database and the storages opened on it. <see cref="CreateStorage"/> opens another
/// storage on the same database with its own connection pool, as a second silo process would.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> cleanup;
    private readonly List<IClusterStorage> storages = [];

    internal TestDatabase(string provider, ClusterStorageOptions options, Func<Task> cleanup)
    {
        Provider = provider;
        Options = options;
        this.cleanup = cleanup;
        Storage = CreateStorage();
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; }

    /// <summary>Options pointing at this database (e.g. for <c>services.AddClusterStorage(o => ...)</c> in a test host).</summary>
    public ClusterStorageOptions Options { get; }

    /// <summary>A migrated storage on this database.</summary>
    public IClusterStorage Storage { get; }

    /// <summary>Another storage on the same database (not migrated by this call), disposed with this object.</summary>
    public IClusterStorage CreateStorage()
    {
        var storage = ClusterStorageFactory.Create(Options, NullLoggerFactory.Instance);
        lock (storages)
        {
            storages.Add(storage);
        }
        return storage;
    }

    /// <summary>Moves a silo's last heartbeat back in time, so tests see a silent silo without waiting for it.</summary>
    public Task BackdateHeartbeatAsync(string siloId, TimeSpan by) => ExecuteAsync(
        "UPDATE membership SET last_heartbeat = last_heartbeat - $ms WHERE silo_id = $silo_id",
        "UPDATE membership SET last_heartbeat = last_heartbeat - make_interval(secs => $1::bigint / 1000.0) WHERE silo_id = $2",
        (long)by.TotalMilliseconds, siloId);

    /// <summary>Runs a statement directly on the database (SQLite takes $ms/$silo_id-style names bound in order;
    /// PostgreSQL takes $1, $2, ...), for test set-ups the storage API rightly does not offer.</summary>
    public async Task ExecuteAsync(string sqliteSql, string postgresSql, params object[] parameters)
    {
        if (Provider == TestDatabases.Sqlite)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Options.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sqliteSql;
            var names = System.Text.RegularExpressions.Regex.Matches(sqliteSql, @"\$[a-z_]+").Select(m => m.Value).Distinct().ToList();
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters.AddWithValue(names[i], parameters[i]);
            }
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new Npgsql.NpgsqlConnection(Options.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(postgresSql, connection);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in storages)
        {
            switch (storage)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        await cleanup();
    }
}

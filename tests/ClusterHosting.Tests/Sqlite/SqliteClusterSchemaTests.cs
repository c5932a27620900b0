using System.Diagnostics;
using Cluster.Hosting.Keeping;
using Cluster.Hosting.Keeping.Sqlite;
using Cluster.Hosting.Storage.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteClusterSchemaTests
{
    private const string SchemaQuery = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";

    [Fact]
    public async Task Creates_the_grain_storage_queries_and_our_tables_in_WAL_mode()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();

        var tables = await database.RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Equal(["OrleansQuery", "OrleansStorage", "cluster_always_on", "cluster_reminders", "cluster_session_leases"], tables);
        var queries = await database.RowsAsync("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
        Assert.Equal(["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], queries);
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Applied_twice_changes_nothing_and_keeps_the_data()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        var store = new SqliteAlwaysOnStore(database.ConnectionString);
        await store.AddAsync(new AlwaysOnEntry("account/42", 42), CancellationToken.None);
        var schemaBefore = await database.RowsAsync(SchemaQuery);
        var queriesBefore = await database.RowsAsync("SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey");

        await new SqliteClusterSchema(database.ConnectionString).ApplyAsync(CancellationToken.None);

        Assert.Equal(schemaBefore, await database.RowsAsync(SchemaQuery));
        Assert.Equal(queriesBefore, await database.RowsAsync("SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey"));
        Assert.Equal([new AlwaysOnEntry("account/42", 42)], await store.ReadRangeAsync(0, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Installers_running_at_once_on_a_fresh_file_all_succeed()
    {
        using var database = new SqliteTestDatabase();

        // As several silos starting together against a new database: each installer on its own connection, one
        // without pooling as a second process would have.
        var installers = new[] { database.ConnectionString, database.ConnectionString, database.ConnectionString + ";Pooling=False", database.ConnectionString + ";Pooling=False" }
            .Select(connectionString => Task.Run(() => new SqliteClusterSchema(connectionString).ApplyAsync(CancellationToken.None)));
        await Task.WhenAll(installers);

        Assert.Equal(5L, await database.ScalarAsync("SELECT count(*) FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(4L, await database.ScalarAsync("SELECT count(*) FROM OrleansQuery"));
        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_reader_does_not_wait_for_an_open_write_transaction()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        var store = new SqliteAlwaysOnStore(database.ConnectionString);
        await store.AddAsync(new AlwaysOnEntry("account/1", 1), CancellationToken.None);

        await using var writer = await database.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);
        await using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO cluster_always_on (grain_id, ring_hash) VALUES ('account/2', 2)";
            await insert.ExecuteNonQueryAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        var seen = await store.ReadRangeAsync(0, 0, CancellationToken.None);
        stopwatch.Stop();

        Assert.Equal([new AlwaysOnEntry("account/1", 1)], seen); // the writer's row is not committed yet
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"the read waited {stopwatch.Elapsed} for the writer");
    }

    [Fact]
    public void The_script_is_embedded_and_idempotent_by_construction()
    {
        var script = SqliteClusterSchema.Script;
        Assert.DoesNotMatch(@"CREATE (UNIQUE )?(TABLE|INDEX) (?!IF NOT EXISTS)", script);
        Assert.DoesNotMatch(@"INSERT INTO OrleansQuery", script);
    }
}

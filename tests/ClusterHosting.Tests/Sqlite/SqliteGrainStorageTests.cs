using System.Data.Common;
using System.Text.Json;
using Cluster.Hosting.Storage.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteGrainStorageTests
{
    private const string GrainType = "etag-test";

    [Fact]
    public async Task State_written_before_a_restart_is_read_back_by_the_next_silo()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        // Orleans loads Microsoft.Data.Sqlite's factory itself for the invariant System.Data.SQLite: nothing registered.
        Assert.False(DbProviderFactories.TryGetFactory(SqliteInvariant.Name, out _));

        await using (var silo = await SqliteSilo.StartAsync(database.ConnectionString))
        {
            var counter = silo.Grains.GetGrain<ICounterGrain>("restart");
            await counter.IncrementAsync("first");
            Assert.Equal(2, await counter.IncrementAsync("second"));
        }

        await using (var silo = await SqliteSilo.StartAsync(database.ConnectionString))
        {
            var state = await silo.Grains.GetGrain<ICounterGrain>("restart").GetAsync();
            Assert.Equal(2, state.Count);
            Assert.Equal("second", state.LastNote);
        }
    }

    [Fact]
    public async Task State_is_stored_as_readable_JSON()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using (var silo = await SqliteSilo.StartAsync(database.ConnectionString))
        {
            await silo.Grains.GetGrain<ICounterGrain>("json").IncrementAsync("hello");
        }

        var stored = (string)(await database.ScalarAsync("SELECT CAST(PayloadBinary AS TEXT) FROM OrleansStorage"))!;
        using var document = JsonDocument.Parse(stored);
        Assert.Equal(1, document.RootElement.GetProperty("Count").GetInt32());
        Assert.Equal("hello", document.RootElement.GetProperty("LastNote").GetString());
        Assert.Equal(1L, await database.ScalarAsync("SELECT Version FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_is_refused()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using var silo = await SqliteSilo.StartAsync(database.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(SqliteSilo.StorageName);
        var grainId = GrainId.Create(GrainType, "stale");

        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(GrainType, grainId, first);
        Assert.Equal("1", first.ETag);

        // A second holder of version 1 writes first; the first holder's ETag is now stale.
        var second = new GrainState<CounterState>(new CounterState { Count = 2 }) { ETag = first.ETag };
        await storage.WriteStateAsync(GrainType, grainId, second);
        Assert.Equal("2", second.ETag);

        first.State!.Count = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, first));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(GrainType, grainId, read);
        Assert.Equal(2, read.State!.Count);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Of_two_first_writes_only_one_creates_the_state()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using var silo = await SqliteSilo.StartAsync(database.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(SqliteSilo.StorageName);
        var grainId = GrainId.Create(GrainType, "created-twice");

        await storage.WriteStateAsync(GrainType, grainId, new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(GrainType, grainId, new GrainState<CounterState>(new CounterState { Count = 9 })));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_cleared_state_reads_as_new_and_can_be_written_again()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using var silo = await SqliteSilo.StartAsync(database.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(SqliteSilo.StorageName);
        var grainId = GrainId.Create(GrainType, "cleared");

        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await storage.WriteStateAsync(GrainType, grainId, state);
        await storage.ClearStateAsync(GrainType, grainId, state);
        Assert.Equal("2", state.ETag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(GrainType, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Count);

        read.State.Count = 6;
        await storage.WriteStateAsync(GrainType, grainId, read);
        Assert.Equal("3", read.ETag);
    }

    [Fact]
    public async Task With_delete_on_clear_a_cleared_state_leaves_no_row()
    {
        using var database = await SqliteTestDatabase.CreateWithSchemaAsync();
        await using var silo = await SqliteSilo.StartAsync(database.ConnectionString);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(SqliteSilo.DeletingStorageName);
        var grainId = GrainId.Create(GrainType, "deleted");

        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await storage.WriteStateAsync(GrainType, grainId, state);
        var stale = new GrainState<CounterState>(new CounterState()) { ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync(GrainType, grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, stale));
        await storage.ClearStateAsync(GrainType, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM OrleansStorage"));
        state.State!.Count = 6;
        await storage.WriteStateAsync(GrainType, grainId, state);
        Assert.Equal("1", state.ETag);
    }
}

using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>Activation, persistent state and deactivation on one silo.</summary>
public sealed class ActivationTests
{
    [Fact]
    public Task State_survives_deactivation_and_reactivation() => StateSurvivesDeactivation(TestDatabases.Sqlite);

    internal static async Task StateSurvivesDeactivation(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var silo = await TestSilo.StartAsync(database);
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("c1");

        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(2, await counter.IncrementAsync());
        await counter.DeactivateAsync();
        await WaitUntil(() => silo.Catalog.Count == 0);

        Assert.Equal(3, await counter.IncrementAsync());
        Assert.Equal(2, (await counter.GetActivationSilosAsync()).Count);
    }

    [Fact]
    public async Task A_grain_has_one_activation_however_many_concurrent_first_calls()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("concurrent");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => counter.IncrementAsync()));

        Assert.Equal(Enumerable.Range(1, 20), results.Order());
        Assert.Single(await counter.GetActivationSilosAsync());
        Assert.Equal(1, silo.Catalog.Count);
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_their_collection_age()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database, new Dictionary<string, string?>
        {
            ["Cluster:CollectionAgeByType:counter"] = "00:00:00.200",
            ["Cluster:CollectionInterval"] = "00:00:00.100",
        });
        await silo.GrainFactory.GetGrain<ICounterGrain>("idle").IncrementAsync();
        await silo.GrainFactory.GetGrain<IFaultyGrain>("busy").PingAsync();

        await WaitUntil(() => !silo.Catalog.ActiveGrainIds().Contains(new GrainId("counter", "idle")));

        Assert.Contains(new GrainId("faulty", "busy"), silo.Catalog.ActiveGrainIds());
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ICounterGrain>("idle").GetAsync());
    }

    [Fact]
    public async Task Graceful_deactivation_releases_the_directory_row()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        await silo.GrainFactory.GetGrain<ICounterGrain>("release").IncrementAsync();
        var owned = await database.Storage.Directory.LookupAsync("counter/release", CancellationToken.None);
        Assert.Equal(silo.SiloId, owned?.SiloId);

        Assert.True(await silo.Catalog.DeactivateAsync(new GrainId("counter", "release"), DeactivationReason.Rebalancing, CancellationToken.None));

        var released = await database.Storage.Directory.LookupAsync("counter/release", CancellationToken.None);
        Assert.Null(released?.SiloId);
        Assert.Equal(owned!.Epoch, released!.Epoch);
    }

    internal static async Task WaitUntil(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail("The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}

using Cluster.Grains.Abstractions.Sessions;
using Cluster.Hosting.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>The keeper, the session lease and session-capacity placement on silos configured as the product's, on PostgreSQL.</summary>
[Trait("Category", "Postgres")]
public sealed class KeeperAndLeaseTests
{
    private static Dictionary<string, string?> Postgres(FreshDatabase database, string cluster) => new()
    {
        ["Cluster:Storage:Provider"] = "Postgres",
        ["Cluster:Storage:ConnectionString"] = database.ConnectionString,
        ["Cluster:ClusterId"] = cluster,
        ["Cluster:AlwaysOn:KeepAliveInterval"] = "00:00:01",
        // These tests are about the keeper and the lease, not transport security (tested in Security/).
        ["Cluster:Tls:Mode"] = "Disabled",
    };

    [Fact]
    public async Task Always_on_grains_of_a_silo_that_leaves_are_active_again_on_the_others()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new ProductSilos(Postgres(database, "keeper"));
        for (var i = 0; i < 3; i++) await cluster.StartSiloAsync();
        var client = await cluster.ClientAsync();
        var keys = Enumerable.Range(0, 150).Select(i => $"kept-{Guid.NewGuid():N}-{i}").ToList();
        await Task.WhenAll(keys.Select(k => client.GetGrain<IKeptTestGrain>(k).EnableAsync()));
        var leaving = cluster.Silos[1];
        var leavingAddress = leaving.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
        var held = (await Task.WhenAll(keys.Select(k => client.GetGrain<IKeptTestGrain>(k).SiloAsync()))).Count(s => s == leavingAddress);
        Assert.True(held > 0, "the silo that leaves held none of the grains");

        var before = keys.Sum(k => KeptTestGrain.Activations.GetValueOrDefault(k));
        await cluster.StopSiloAsync(leaving);

        // The grains it held are activated again by the keepers without anyone calling them.
        await ProductSilos.EventuallyAsync(() => Task.FromResult(keys.Sum(k => KeptTestGrain.Activations.GetValueOrDefault(k)) >= before + held),
            TimeSpan.FromSeconds(20), $"{held} grains of the stopped silo re-activated by the keepers");
        var now = await Task.WhenAll(keys.Select(k => client.GetGrain<IKeptTestGrain>(k).SiloAsync()));
        Assert.DoesNotContain(leavingAddress, now);
    }

    [Fact]
    public async Task A_disabled_grain_is_no_longer_kept()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new ProductSilos(Postgres(database, "keeper-off"));
        await cluster.StartSiloAsync();
        var client = await cluster.ClientAsync();
        var key = $"off-{Guid.NewGuid():N}";
        await client.GetGrain<IKeptTestGrain>(key).EnableAsync();
        await client.GetGrain<IKeptTestGrain>(key).DisableAsync();
        Assert.Equal(0L, await database.ScalarAsync<long>("select count(*) from cluster_always_on"));
    }

    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases_or_its_lease_runs_out()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new ProductSilos(Postgres(database, "leases"));
        var a = await cluster.StartSiloAsync();
        var b = await cluster.StartSiloAsync();
        var leasesA = a.Services.GetRequiredService<ISessionLeases>();
        var leasesB = b.Services.GetRequiredService<ISessionLeases>();

        var first = await leasesA.AcquireAsync("account/lease-test", CancellationToken.None);
        Assert.True(first.IsValid);
        Assert.True(first.Remaining > TimeSpan.Zero);
        var second = leasesB.AcquireAsync("account/lease-test", CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(second.IsCompleted, "the second holder got the lease while the first still renewed it");
        await first.DisposeAsync();
        Assert.False(first.IsValid);
        var taken = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(taken.IsValid);
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task A_holder_that_only_tries_gets_the_lease_only_while_nobody_else_holds_it()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new ProductSilos(Postgres(database, "lease-try"));
        var a = await cluster.StartSiloAsync();
        var b = await cluster.StartSiloAsync();
        var leasesA = a.Services.GetRequiredService<ISessionLeases>();
        var leasesB = b.Services.GetRequiredService<ISessionLeases>();

        var first = await leasesA.AcquireAsync("account/try-test", CancellationToken.None);
        // Held elsewhere (and by another holder on the same silo): refused at once, without waiting.
        Assert.Null(await leasesB.TryAcquireAsync("account/try-test", CancellationToken.None));
        Assert.Null(await leasesA.TryAcquireAsync("account/try-test", CancellationToken.None));
        Assert.True(first.IsValid);
        await first.DisposeAsync();
        var taken = await leasesB.TryAcquireAsync("account/try-test", CancellationToken.None);
        Assert.NotNull(taken);
        Assert.True(taken.IsValid);
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task Accounts_are_placed_on_the_silo_with_the_most_free_sessions()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new ProductSilos(Postgres(database, "placement"));
        var capacity = new Dictionary<string, string?> { ["Cluster:Sessions:Capacity"] = "10", ["Cluster:Sessions:LoadCacheDuration"] = "00:00:00" };
        for (var i = 0; i < 3; i++) await cluster.StartSiloAsync(capacity);
        var client = await cluster.ClientAsync();
        var placed = new List<string>();
        for (var i = 0; i < 24; i++) placed.Add(await client.GetGrain<ISessionTestGrain>($"s-{Guid.NewGuid():N}").OpenAsync());
        var perSilo = placed.GroupBy(s => s).Select(g => g.Count()).ToList();
        Assert.Equal(3, perSilo.Count);
        Assert.All(perSilo, n => Assert.Equal(8, n));
    }
}

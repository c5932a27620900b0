using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>Single activation, fenced: a silo that lost a grain cannot write its state, and a silo that fences
/// itself stops every activation at once.</summary>
public sealed class FencingTests
{
    /// <summary>A silo whose heartbeat loop would not notice anything within the test.</summary>
    private static readonly Dictionary<string, string?> SlowMembership = new()
    {
        ["Cluster:Membership:HeartbeatInterval"] = "00:00:20",
        ["Cluster:Membership:Lease"] = "00:00:40",
        ["Cluster:Membership:DeathTimeout"] = "00:00:50",
    };

    [Fact]
    public Task A_state_write_after_another_silo_took_the_grain_over_throws_StaleEpochException()
        => StaleWriteIsRefused(TestDatabases.Sqlite);

    internal static async Task StaleWriteIsRefused(string provider)
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        await using var a = await TestSilo.StartAsync(database, SlowMembership);
        await using var b = await TestSilo.StartAsync(database, SlowMembership);
        Assert.Equal(a.SiloId, await a.GrainFactory.GetGrain<IFencedGrain>("g").TouchAsync());
        var staleState = FencedGrain.States[$"{a.SiloId}/g"];

        // Silo A is declared dead (as after a partition) while its activation still runs.
        await database.Storage.Membership.SetStatusAsync(a.SiloId, SiloStatus.Dead, CancellationToken.None);
        await b.Membership.RefreshAsync(CancellationToken.None);
        Assert.Equal(b.SiloId, await b.GrainFactory.GetGrain<IFencedGrain>("g").TouchAsync());

        staleState.State.Value = 1000;
        await Assert.ThrowsAsync<StaleEpochException>(() => staleState.WriteStateAsync());
        Assert.False(a.Membership.IsFenced);
        var stored = await database.Storage.States.ReadAsync("fenced/g", "fenced", CancellationToken.None);
        Assert.Contains("\"Value\":2", stored!.Json);
    }

    [Fact]
    public async Task A_fenced_silo_stops_every_activation_refuses_calls_and_writes_nothing()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var a = await TestSilo.StartAsync(database);
        for (var i = 0; i < 5; i++) await a.GrainFactory.GetGrain<IFencedGrain>($"f{i}").TouchAsync();
        var state = FencedGrain.States[$"{a.SiloId}/f0"];

        // Declared dead behind its back: its next heartbeat learns it and the silo fences itself.
        await database.Storage.Membership.SetStatusAsync(a.SiloId, SiloStatus.Dead, CancellationToken.None);
        await ActivationTests.WaitUntil(() => a.Membership.IsFenced && a.Catalog.Count == 0);

        await Assert.ThrowsAsync<StaleEpochException>(() => state.WriteStateAsync());
        await Assert.ThrowsAsync<SiloUnavailableException>(() => a.GrainFactory.GetGrain<IFencedGrain>("f0").TouchAsync());
        var owner = await database.Storage.Directory.LookupAsync("fenced/f0", CancellationToken.None);
        Assert.Equal(a.SiloId, owner?.SiloId);
    }

    [Fact]
    public async Task A_fence_cancels_an_activation_in_progress_instead_of_deactivating_beside_it()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var a = await TestSilo.StartAsync(database, new Dictionary<string, string?> { ["Cluster:CallTimeout"] = "00:05:00" });
        var call = a.GrainFactory.GetGrain<ISlowActivationGrain>("connecting").PingAsync();
        await ActivationTests.WaitUntil(() => SlowActivationGrain.Events.ContainsKey("connecting/started"));

        await database.Storage.Membership.SetStatusAsync(a.SiloId, SiloStatus.Dead, CancellationToken.None);
        await ActivationTests.WaitUntil(() => a.Membership.IsFenced && a.Catalog.Count == 0);

        await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.True(SlowActivationGrain.Events.ContainsKey("connecting/cancelled"), "the activation was not cancelled by the fence");
        Assert.False(SlowActivationGrain.Events.ContainsKey("connecting/deactivated-while-activating"), "OnDeactivateAsync ran beside OnActivateAsync");
    }
}

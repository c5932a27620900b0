using Cluster.Runtime.Management;
using Cluster.Runtime.Tests.Cluster.Failover;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Cluster.Rebalancing;

/// <summary>A rebalance asked for from a cluster client (the admin bot's /rebalance) reaches the silos' rebalancers:
/// with rounds otherwise an hour apart, grains move only because of the request.</summary>
public sealed class RebalanceRequestTests
{
    [Fact]
    public async Task A_rebalance_requested_from_a_client_moves_grains_from_the_loaded_silo_to_the_idle_one()
    {
        await using var cluster = await FailoverCluster.CreateAsync(TestDatabases.Sqlite);
        var grains = await cluster.RegisterAlwaysOnAsync(40);
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Placement:alwayson"] = "least-activations",
            ["Cluster:Rebalancing:Enabled"] = "true",
            ["Cluster:Rebalancing:Interval"] = "01:00:00",
            ["Cluster:Rebalancing:MaxMovesPerRound"] = "10",
        };
        var (loaded, _) = await cluster.StartSiloAsync("s0", settings);
        await FailoverCluster.WaitUntilAsync(async () => (await cluster.LiveOwnersAsync(grains)).Count == grains.Count,
            TimeSpan.FromSeconds(30), () => "every grain is active on s0\n" + cluster.Diagnostics());
        var (idle, _) = await cluster.StartSiloAsync("s1", settings);
        // Both loads published (s1 with none of the grains) before asking: without the request nothing would move.
        await FailoverCluster.WaitUntilAsync(async () => (await cluster.LoadsAsync()).Count == 2, TimeSpan.FromSeconds(30), () => "both silos publish loads\n" + cluster.Diagnostics());
        await Task.Delay(FailoverCluster.HeartbeatInterval * 4);
        Assert.DoesNotContain(idle.SiloId, (await cluster.LiveOwnersAsync(grains)).Values);

        cluster.Client();
        var management = cluster.ClientServices.GetRequiredService<IClusterManagement>();
        await management.RequestRebalanceAsync();

        // Moved grains are deactivated, then placed again: wait until all are live again, some of them on s1.
        await FailoverCluster.WaitUntilAsync(async () => await cluster.LiveOwnersAsync(grains) is var owners
                && owners.Count == grains.Count && owners.Values.Count(o => o == idle.SiloId) >= 5,
            TimeSpan.FromSeconds(30), () => "grains moved to s1\n" + cluster.Diagnostics());
        Assert.Contains(loaded.SiloId, (await cluster.LiveOwnersAsync(grains)).Values);
    }

    [Fact]
    public async Task A_rebalance_request_with_no_silo_running_fails_with_a_reason()
    {
        await using var cluster = await FailoverCluster.CreateAsync(TestDatabases.Sqlite);
        cluster.Client();
        var management = cluster.ClientServices.GetRequiredService<IClusterManagement>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => management.RequestRebalanceAsync());
        Assert.Contains("no silo", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

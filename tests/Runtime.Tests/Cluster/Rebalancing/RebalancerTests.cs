using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Rebalancing;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Rebalancing;

public sealed class RebalancerTests
{
    private static (Rebalancer Rebalancer, FakeCatalog Catalog, FakeMembership Membership, LoadCollector Loads) Create(RebalancingOptions? options = null)
    {
        var catalog = new FakeCatalog();
        var membership = new FakeMembership("a");
        var loads = new LoadCollector(new ServiceCollection().BuildServiceProvider(), Options.Create(new ResourceCapacityOptions()));
        var rebalancer = new Rebalancer(membership, catalog, loads, Options.Create(options ?? new RebalancingOptions { MaxMovesPerRound = 10 }),
            Options.Create(new MembershipOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(1) }), TimeProvider.System, NullLogger<Rebalancer>.Instance);
        return (rebalancer, catalog, membership, loads);
    }

    private static GrainId[] Grains(int count) => Enumerable.Range(0, count).Select(i => new GrainId("t", $"k{i}")).ToArray();

    [Fact]
    public async Task The_most_loaded_silo_moves_a_bounded_number_of_grains_toward_the_mean_and_sheds()
    {
        var (rebalancer, catalog, membership, loads) = Create();
        catalog.Add(Grains(60));
        membership.SetSilos(FakeMembership.Silo("a", 60), FakeMembership.Silo("b", 0));
        Assert.Equal(10, await rebalancer.RunRoundAsync(CancellationToken.None));
        Assert.True(loads.Shedding);
        Assert.All(catalog.Deactivated, d => Assert.Equal(DeactivationReason.Rebalancing, d.Reason));

        // Moved grains are not moved again, and it never goes below the mean (30).
        for (var round = 0; round < 10; round++)
        {
            membership.SetSilos(FakeMembership.Silo("a", catalog.Count), FakeMembership.Silo("b", 60 - catalog.Count));
            await rebalancer.RunRoundAsync(CancellationToken.None);
        }
        Assert.InRange(catalog.Count, 28, 32);
        Assert.Equal(catalog.Deactivated.Count, catalog.Deactivated.Select(d => d.Grain).Distinct().Count());
        Assert.False(loads.Shedding);
    }

    [Fact]
    public async Task A_silo_that_is_not_the_most_loaded_moves_nothing()
    {
        var (rebalancer, catalog, membership, _) = Create();
        catalog.Add(Grains(10));
        membership.SetSilos(FakeMembership.Silo("a", 10), FakeMembership.Silo("b", 50));
        Assert.Equal(0, await rebalancer.RunRoundAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Hysteresis_a_spread_between_the_stop_and_start_thresholds_starts_nothing_but_finishes_a_started_round()
    {
        var (rebalancer, catalog, membership, _) = Create(new RebalancingOptions { StartTolerance = 0.5, StopTolerance = 0.1, MinimumSpread = 2, MaxMovesPerRound = 4 });
        catalog.Add(Grains(60));
        // Mean 50, spread 20: below the start threshold (25).
        membership.SetSilos(FakeMembership.Silo("a", 60), FakeMembership.Silo("b", 40));
        Assert.Equal(0, await rebalancer.RunRoundAsync(CancellationToken.None));

        // A spread above the start threshold starts moving, and it goes on below it until the stop threshold (5).
        catalog.Add(Enumerable.Range(100, 20).Select(i => new GrainId("t", $"k{i}")).ToArray());
        var spreadsWithMoves = new List<int>();
        for (var round = 0; round < 20; round++)
        {
            var spread = catalog.Count - (100 - catalog.Count);
            membership.SetSilos(FakeMembership.Silo("a", catalog.Count), FakeMembership.Silo("b", 100 - catalog.Count));
            if (await rebalancer.RunRoundAsync(CancellationToken.None) > 0) spreadsWithMoves.Add(spread);
        }
        Assert.Equal(60, spreadsWithMoves[0]);
        Assert.Contains(spreadsWithMoves, s => s is > 5 and <= 25);
        Assert.InRange(catalog.Count, 50, 53);
    }

    [Fact]
    public void Start_tolerance_not_above_stop_tolerance_is_refused()
    {
        var result = new RebalancingOptionsValidator().Validate(null, new RebalancingOptions { StartTolerance = 0.1, StopTolerance = 0.1 });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("StartTolerance") && f.Contains("StopTolerance"));
    }
}

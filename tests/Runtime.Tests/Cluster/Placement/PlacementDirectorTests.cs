using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Placement;

public sealed class PlacementDirectorTests
{
    private sealed class TestGrain;

    private static GrainTypeInfo Type(string strategy, string? resource = null, int units = 1) =>
        new("test", typeof(TestGrain), [], strategy, resource, units);

    private static PlacementDirector Director(FakeMembership membership, LoadBook? book = null, TimeSpan? window = null)
    {
        var placement = Options.Create(new PlacementOptions { OverflowPollInterval = TimeSpan.FromMilliseconds(20), PendingPlacementWindow = window ?? TimeSpan.FromSeconds(3), NoSiloWait = TimeSpan.FromMilliseconds(100) });
        var pending = new PendingPlacements(placement, Options.Create(new MembershipOptions()), TimeProvider.System);
        return new PlacementDirector(membership, book ?? new LoadBook(), pending, placement, TimeProvider.System, NullLogger<PlacementDirector>.Instance);
    }

    [Fact]
    public async Task Only_active_silos_receive_placements()
    {
        var membership = new FakeMembership("a");
        membership.SetSilos(FakeMembership.Silo("a", status: SiloStatus.ShuttingDown), FakeMembership.Silo("b"), FakeMembership.Silo("c", status: SiloStatus.Dead));
        var director = Director(membership);
        foreach (var strategy in PlacementStrategies.All)
            for (var i = 0; i < 20; i++)
                Assert.Equal("b", (await director.PlaceAsync(new GrainId("t", $"k{i}"), Type(strategy, strategy == PlacementStrategies.ResourceAware ? "sessions" : null), CancellationToken.None)).SiloId);
    }

    [Fact]
    public async Task No_active_silo_fails_with_silo_unavailable()
    {
        var membership = new FakeMembership("a");
        membership.SetSilos(FakeMembership.Silo("a", status: SiloStatus.Dead));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => Director(membership).PlaceAsync(new GrainId("t", "k"), Type(PlacementStrategies.Random), CancellationToken.None));
    }

    [Fact]
    public async Task Hash_placement_is_stable_and_only_moves_grains_of_a_leaving_silo()
    {
        var membership = new FakeMembership("a");
        membership.SetSilos(FakeMembership.Silo("a"), FakeMembership.Silo("b"), FakeMembership.Silo("c"));
        var director = Director(membership);
        var before = new Dictionary<string, string>();
        for (var i = 0; i < 300; i++)
            before[$"k{i}"] = (await director.PlaceAsync(new GrainId("t", $"k{i}"), Type(PlacementStrategies.Hash), CancellationToken.None)).SiloId;
        Assert.All(new[] { "a", "b", "c" }, s => Assert.InRange(before.Values.Count(v => v == s), 60, 140));

        membership.SetSilos(FakeMembership.Silo("a"), FakeMembership.Silo("b"));
        for (var i = 0; i < 300; i++)
        {
            var now = (await director.PlaceAsync(new GrainId("t", $"k{i}"), Type(PlacementStrategies.Hash), CancellationToken.None)).SiloId;
            if (before[$"k{i}"] != "c") Assert.Equal(before[$"k{i}"], now);
        }
    }

    [Fact]
    public async Task Prefer_local_places_on_this_silo()
    {
        var membership = new FakeMembership("b");
        membership.SetSilos(FakeMembership.Silo("a"), FakeMembership.Silo("b"));
        Assert.Equal("b", (await Director(membership).PlaceAsync(new GrainId("t", "k"), Type(PlacementStrategies.PreferLocal), CancellationToken.None)).SiloId);
    }

    [Fact]
    public async Task Least_activations_spreads_a_burst_instead_of_piling_on_the_emptiest_silo()
    {
        var membership = new FakeMembership("a");
        membership.SetSilos(FakeMembership.Silo("a", 10), FakeMembership.Silo("b", 0));
        var director = Director(membership);
        var placed = new List<string>();
        for (var i = 0; i < 30; i++)
            placed.Add((await director.PlaceAsync(new GrainId("t", $"k{i}"), Type(PlacementStrategies.LeastActivations), CancellationToken.None)).SiloId);
        Assert.Equal(10, placed.Take(10).Count(s => s == "b"));
        Assert.InRange(placed.Count(s => s == "b"), 19, 21);
    }

    [Fact]
    public async Task Resource_aware_never_exceeds_capacity_and_the_overflow_queue_drains_in_order_when_room_appears()
    {
        var membership = new FakeMembership("a");
        var capacity = new Dictionary<string, int> { ["sessions"] = 2 };
        membership.SetSilos(FakeMembership.Silo("a", capacity: capacity), FakeMembership.Silo("b", capacity: capacity));
        var director = Director(membership, window: TimeSpan.FromMinutes(1));
        var type = Type(PlacementStrategies.ResourceAware, "sessions");
        var placed = new List<string>();
        for (var i = 0; i < 4; i++) placed.Add((await director.PlaceAsync(new GrainId("t", $"k{i}"), type, CancellationToken.None)).SiloId);
        Assert.Equal(2, placed.Count(s => s == "a"));
        Assert.Equal(2, placed.Count(s => s == "b"));

        var fifth = director.PlaceAsync(new GrainId("t", "k4"), type, CancellationToken.None);
        await Task.Delay(50);
        var sixth = director.PlaceAsync(new GrainId("t", "k5"), type, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = director.PlaceAsync(new GrainId("t", "k6"), type, cancel.Token);
        await Task.Delay(200);
        Assert.False(fifth.IsCompleted);
        Assert.False(sixth.IsCompleted);
        Assert.Equal(3, director.OverflowCount);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        // A third silo with room for one joins: the first waiter gets it, the second keeps waiting.
        membership.SetSilos(FakeMembership.Silo("a", capacity: capacity), FakeMembership.Silo("b", capacity: capacity),
            FakeMembership.Silo("c", capacity: new Dictionary<string, int> { ["sessions"] = 1 }));
        Assert.Equal("c", (await fifth.WaitAsync(TimeSpan.FromSeconds(5))).SiloId);
        await Task.Delay(200);
        Assert.False(sixth.IsCompleted);
        Assert.Equal(1, director.OverflowCount);
    }
}

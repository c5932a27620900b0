using Cluster.Hosting.Placement;
using Cluster.Hosting.Rebalancing;

namespace Cluster.Hosting.Tests.Rebalancing;

/// <summary>The rebalancer's arithmetic: who pulls what from whom.</summary>
public sealed class RebalancePlannerTests
{
    private static SessionLoad Load(int held, int capacity = 10, int queued = 0, int queuedPremium = 0, int reserved = 0, int? movable = null)
        => new(held, capacity) { Queued = queued, QueuedPremium = queuedPremium, Reserved = reserved, MovableHeld = movable ?? held };

    [Fact]
    public void A_silo_with_room_pulls_queued_accounts_premium_first_up_to_its_free_slots()
    {
        var others = new List<(string, SessionLoad)>
        {
            ("a", Load(10, queued: 6)),
            ("b", Load(10, queued: 3, queuedPremium: 2)),
            ("c", Load(4)),
        };
        // 7 free: b's 2 premium first, then one at a time from the longest queue.
        var pulls = RebalancePlanner.QueuedPulls(Load(3), others, maxMoves: 50);
        Assert.Equal(new[] { ("a", 5), ("b", 2) }, pulls);
        Assert.Equal(new[] { ("a", 1), ("b", 2) }, RebalancePlanner.QueuedPulls(Load(7), others, maxMoves: 50));
        Assert.Equal(new[] { ("a", 1), ("b", 2) }, RebalancePlanner.QueuedPulls(Load(0), others, maxMoves: 3));
        // No free slot (held, queued or reserved), or a queue of its own: nothing.
        Assert.Empty(RebalancePlanner.QueuedPulls(Load(5, reserved: 5), others, maxMoves: 50));
        Assert.Empty(RebalancePlanner.QueuedPulls(Load(10, queued: 1), others, maxMoves: 50));
        Assert.Equal(new[] { ("a", 6), ("b", 3) }, RebalancePlanner.QueuedPulls(Load(0, capacity: 100), others, maxMoves: 50));
    }

    [Fact]
    public void Balancing_starts_above_the_minimum_spread_and_never_goes_past_the_mean()
    {
        var others = new List<(string, SessionLoad)> { ("a", Load(12, capacity: 20)), ("b", Load(9, capacity: 20)) };
        // Mean (12 + 9 + 3) / 3 = 8: this silo may take 5 up to the mean, a may give 4 down to it; at most 3 a round.
        Assert.Equal(new BalancePull<string>("a", 3, 8), RebalancePlanner.BalancePull(Load(3, capacity: 20), others, minimumSpread: 5, maxMoves: 3));
        Assert.Equal(new BalancePull<string>("a", 4, 8), RebalancePlanner.BalancePull(Load(3, capacity: 20), others, minimumSpread: 5, maxMoves: 10));
        // A spread of 9 does not start balancing at a minimum of 9...
        Assert.Null(RebalancePlanner.BalancePull(Load(3, capacity: 20), others, minimumSpread: 9, maxMoves: 10));
        // ...but once under way it goes on to the mean (12 - 7 = 5 is under 9; mean 28 / 3: up to 9 here, down to 10 there).
        var underway = RebalancePlanner.BalancePull(Load(7, capacity: 20), others, minimumSpread: 9, maxMoves: 10, underway: true);
        Assert.Equal(("a", 2), (underway?.Source, underway?.Count));
        // At the mean there is nothing to do, under way or not.
        var even = new List<(string, SessionLoad)> { ("a", Load(9, capacity: 20)), ("b", Load(8, capacity: 20)) };
        Assert.Null(RebalancePlanner.BalancePull(Load(8, capacity: 20), even, minimumSpread: 0, maxMoves: 10, underway: true));
    }

    [Fact]
    public void Balancing_counts_moves_under_way_and_takes_only_settled_accounts()
    {
        // a holds 12 but 4 are leaving; this silo holds 2 and expects 3: settled 8 and 5, spread 3.
        var leaving = new List<(string, SessionLoad)> { ("a", Load(12, capacity: 20) with { Leaving = 4 }) };
        Assert.Null(RebalancePlanner.BalancePull(Load(2, capacity: 20, reserved: 3), leaving, minimumSpread: 3, maxMoves: 10));
        // The most loaded silo's accounts all connected recently: the next one gives.
        var unsettled = new List<(string, SessionLoad)> { ("a", Load(15, capacity: 20, movable: 0)), ("b", Load(12, capacity: 20)) };
        Assert.Equal("b", RebalancePlanner.BalancePull(Load(0, capacity: 20), unsettled, minimumSpread: 3, maxMoves: 10)?.Source);
        // A source gives no more than it may move, and never goes under the mean rounded up.
        Assert.Equal(2, RebalancePlanner.HeldToGive(Load(10, movable: 2), asked: 5, mean: 6));
        Assert.Equal(3, RebalancePlanner.HeldToGive(Load(10), asked: 5, mean: 6.5));
        Assert.Equal(0, RebalancePlanner.HeldToGive(Load(6), asked: 5, mean: 6));
    }

    [Fact]
    public void Balancing_under_way_waits_for_accounts_still_settling_and_otherwise_stops()
    {
        // Three silos after a third joined: it pulled from one, and what is above the mean on the other connected recently.
        // Nothing to pull now, and the spread of 2 left would never start balancing again at a minimum of 3: it waits.
        var settling = new List<(string, SessionLoad)> { ("a", Load(5, capacity: 20, movable: 0)), ("b", Load(4, capacity: 20)) };
        var mine = Load(3, capacity: 20);
        Assert.Null(RebalancePlanner.BalancePull(mine, settling, minimumSpread: 3, maxMoves: 2, underway: true));
        Assert.Null(RebalancePlanner.BalancePull(mine, settling, minimumSpread: 3, maxMoves: 2));
        Assert.True(RebalancePlanner.WaitsForSettling(mine, settling));
        // Once a's accounts have settled, the pull under way takes the last one.
        var settled = new List<(string, SessionLoad)> { ("a", Load(5, capacity: 20)), ("b", Load(4, capacity: 20)) };
        Assert.Equal(new BalancePull<string>("a", 1, 4), RebalancePlanner.BalancePull(mine, settled, minimumSpread: 3, maxMoves: 2, underway: true));
        Assert.False(RebalancePlanner.WaitsForSettling(mine, settled));
        // At the mean, within one of every other silo, out of room, with a queue, or nothing above the mean rounded up:
        // nothing to wait for.
        Assert.False(RebalancePlanner.WaitsForSettling(Load(4, capacity: 20), settling));
        Assert.False(RebalancePlanner.WaitsForSettling(Load(3, capacity: 20), new List<(string, SessionLoad)> { ("a", Load(4, capacity: 20, movable: 0)), ("b", Load(4, capacity: 20, movable: 0)) }));
        Assert.False(RebalancePlanner.WaitsForSettling(Load(3, capacity: 3), settling));
        Assert.False(RebalancePlanner.WaitsForSettling(Load(3, capacity: 20, queued: 1), settling));
        Assert.False(RebalancePlanner.WaitsForSettling(Load(2, capacity: 20, reserved: 1), new List<(string, SessionLoad)> { ("a", Load(4, capacity: 20, movable: 0)) }));
        Assert.False(RebalancePlanner.WaitsForSettling(Load(3, capacity: 20), new List<(string, SessionLoad)> { ("a", Load(5, capacity: 20, movable: 0)), ("b", Load(5, capacity: 20)) }));
    }

    [Fact]
    public void Silos_that_pull_in_turns_settle_within_the_spread_and_no_two_silos_trade_accounts_both_ways()
    {
        var random = new Random(7);
        for (var run = 0; run < 200; run++)
        {
            var held = Enumerable.Range(0, random.Next(2, 7)).Select(_ => random.Next(0, 40)).ToArray();
            var moved = new HashSet<(int From, int To)>();
            var underway = new bool[held.Length];
            var total = held.Sum();
            for (var round = 0; round < 200; round++)
            {
                var any = false;
                for (var me = 0; me < held.Length; me++)
                {
                    var others = Enumerable.Range(0, held.Length).Where(i => i != me).Select(i => (i, Load(held[i], capacity: 40))).ToList();
                    var pull = RebalancePlanner.BalancePull(Load(held[me], capacity: 40), others, minimumSpread: 4, maxMoves: 3, underway[me]);
                    underway[me] = pull is not null;
                    if (pull is null) continue;
                    var given = Math.Min(3, RebalancePlanner.HeldToGive(Load(held[pull.Source], capacity: 40), pull.Count, pull.Mean));
                    if (given == 0) continue;
                    held[pull.Source] -= given;
                    held[me] += given;
                    moved.Add((pull.Source, me));
                    Assert.DoesNotContain((me, pull.Source), moved);
                    any = true;
                }
                if (!any) break;
            }
            Assert.Equal(total, held.Sum());
            Assert.True(held.Max() - held.Min() <= 4 + 1, $"run {run}: {string.Join(", ", held)}");
        }
    }
}

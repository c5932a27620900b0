using Cluster.Runtime;
using Cluster.Silo.Dashboard.History;

namespace Cluster.Dashboard.Tests.Api;

public sealed class CallHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cumulative_statistics_become_rates_per_interval_per_type_and_method_and_a_restarted_silo_starts_from_zero()
    {
        var history = new CallHistory(capacity: 3);
        history.Add(Start, [new("a", "account", "Send", 100, 0, 2, 5)], 1);
        history.Add(Start.AddSeconds(2), [new("a", "account", "Send", 120, 2, 2, 5), new("b", "pair", "Deliver", 10, 0, 4, 8)], 2);
        // Silo a restarted: its counters went down.
        history.Add(Start.AddSeconds(4), [new("a", "account", "Send", 6, 0, 1, 3), new("b", "pair", "Deliver", 10, 0, 4, 8)], 2);

        var snapshot = history.Snapshot();

        Assert.Equal(2, snapshot.Times.Count);
        Assert.Equal(15, snapshot.Total[0]!.CallsPerSecond, 3);   // (20 + 10 new) / 2 s
        Assert.Equal(1, snapshot.Total[0]!.ErrorsPerSecond, 3);
        Assert.Equal(10, snapshot.ByType["account"][0]!.CallsPerSecond, 3);
        Assert.Equal(5, snapshot.ByMethod["pair.Deliver"][0]!.CallsPerSecond, 3);
        Assert.Equal(3, snapshot.ByType["account"][1]!.CallsPerSecond, 3);   // 6 since the restart / 2 s
        Assert.Equal(0, snapshot.ByType["pair"][1]!.CallsPerSecond, 3);
        Assert.Equal(1, snapshot.ByType["account"][1]!.AverageMs, 3);
    }

    [Fact]
    public void History_keeps_at_most_its_capacity_and_series_stay_aligned_with_the_times()
    {
        var history = new CallHistory(capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            IReadOnlyList<MethodCallStats> stats = i < 3 ? [new("a", "account", "Send", i * 10, 0, 1, 1)] : [new("a", "account", "Send", i * 10, 0, 1, 1), new("a", "bot", "Poll", i, 0, 1, 1)];
            history.Add(Start.AddSeconds(i), stats, i);
        }

        var snapshot = history.Snapshot();

        Assert.Equal(2, snapshot.Times.Count);
        Assert.All(snapshot.ByType.Values, series => Assert.Equal(2, series.Count));
        Assert.Equal(2, snapshot.Total.Count);
    }
}

using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Forwarding;

public class PastModeCursorTests
{
    [Fact]
    public void Walks_the_range_page_by_page_and_completes_at_its_end()
    {
        var cursor = PastModeCursor.Start(new PastModeRequest(100, 250), Msg.T0);
        Assert.Equal(new HistoryPlan(99, 100, false), cursor.PlanFetch(100));
        cursor = cursor.Advance(nextAfterId: 198, historyEnded: false, queued: 90, filtered: 10, Msg.T0);
        Assert.False(cursor.Completed);
        Assert.Equal(new HistoryPlan(198, 52, false), cursor.PlanFetch(100));
        cursor = cursor.Advance(nextAfterId: 260, historyEnded: false, queued: 52, filtered: 0, Msg.T0.AddMinutes(1));
        Assert.True(cursor.Completed);
        Assert.Null(cursor.PlanFetch(100));
        Assert.Equal(142, cursor.Queued);
        Assert.Equal(Msg.T0.AddMinutes(1), cursor.CompletedAt);
    }

    [Fact]
    public void A_short_page_ends_the_run()
    {
        var cursor = PastModeCursor.Start(new PastModeRequest(1, 1000), Msg.T0).Advance(40, historyEnded: true, 40, 0, Msg.T0);
        Assert.True(cursor.Completed);
    }

    [Fact]
    public void Only_ids_in_the_range_count()
    {
        var cursor = PastModeCursor.Start(new PastModeRequest(10, 20), Msg.T0);
        Assert.True(cursor.InRange(Msg.Text(10, "x")));
        Assert.True(cursor.InRange(Msg.Text(20, "x")));
        Assert.False(cursor.InRange(Msg.Text(21, "x")));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(10, 5)]
    public void Empty_or_invalid_range_is_refused(long from, long to)
        => Assert.Throws<ArgumentException>(() => PastModeCursor.Start(new PastModeRequest(from, to), Msg.T0));
}

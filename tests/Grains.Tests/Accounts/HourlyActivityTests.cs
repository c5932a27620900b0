using Cluster.Grains.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Accounts;

public sealed class HourlyActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Counts_go_into_clock_hour_buckets_and_hours_older_than_a_day_drop_out()
    {
        var clock = new ManualClock(Start);
        var activity = new HourlyActivity(clock);
        activity.AddSent(3);
        activity.AddFloodWait();
        clock.Advance(TimeSpan.FromMinutes(50)); // 11:05, the next clock hour
        activity.AddError();
        activity.AddFailed();

        var hours = activity.Last24Hours();
        Assert.Equal([Start.AddMinutes(-15), Start.AddMinutes(45)], hours.Select(h => h.HourStart));
        Assert.Equal((3, 1, 0, 0), (hours[0].Sent, hours[0].FloodWaits, hours[0].Errors, hours[0].Failed));
        Assert.Equal((0, 0, 1, 1), (hours[1].Sent, hours[1].FloodWaits, hours[1].Errors, hours[1].Failed));

        clock.Advance(TimeSpan.FromHours(23)); // 10:05 the next day: the 10:00 bucket of yesterday is 24 hours old
        Assert.Equal([Start.AddMinutes(45)], activity.Last24Hours().Select(h => h.HourStart));
    }

    [Fact]
    public void Stored_hours_are_restored()
    {
        var clock = new ManualClock(Start);
        var activity = new HourlyActivity(clock);
        activity.AddFloodWait();
        activity.AddFloodWait();

        var restored = new HourlyActivity(clock, activity.ToState());
        restored.AddFloodWait();

        Assert.Equal(3, Assert.Single(restored.Last24Hours()).FloodWaits);
    }
}

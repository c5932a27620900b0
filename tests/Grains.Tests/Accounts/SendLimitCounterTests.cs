using Cluster.Grains.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Accounts;

public class SendLimitCounterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Sends_within_limits_are_allowed_and_counted()
    {
        var clock = new ManualClock(Noon);
        var counter = new SendLimitCounter(clock);
        Assert.True(counter.Check(3, hourlyLimit: 5, dailyLimit: 10).Allowed);
        counter.Add(3);
        var usage = counter.Usage(5, 10);
        Assert.Equal(3, usage.SentThisHour);
        Assert.Equal(3, usage.SentToday);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), usage.HourResetsAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), usage.DayResetsAt);
    }

    [Fact]
    public void Hourly_limit_refuses_until_the_next_full_hour_then_resets()
    {
        var clock = new ManualClock(Noon);
        var counter = new SendLimitCounter(clock);
        counter.Add(5);
        var refused = counter.Check(1, 5, 100);
        Assert.False(refused.Allowed);
        Assert.Equal("hourly", refused.Limit);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), refused.RetryAt);

        clock.Set(new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero));
        Assert.True(counter.Check(1, 5, 100).Allowed);
        Assert.Equal(0, counter.State.HourCount);
        Assert.Equal(5, counter.State.DayCount); // the day goes on
    }

    [Fact]
    public void Daily_limit_refuses_until_utc_midnight_then_resets()
    {
        var clock = new ManualClock(Noon);
        var counter = new SendLimitCounter(clock);
        counter.Add(10);
        clock.Advance(TimeSpan.FromHours(2));
        var refused = counter.Check(1, 100, 10);
        Assert.False(refused.Allowed);
        Assert.Equal("daily", refused.Limit);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), refused.RetryAt);

        clock.Set(new DateTimeOffset(2026, 3, 11, 0, 0, 1, TimeSpan.Zero));
        Assert.True(counter.Check(1, 100, 10).Allowed);
    }

    [Fact]
    public void Stored_counters_continue_after_a_restart_in_the_same_hour()
    {
        var clock = new ManualClock(Noon);
        var first = new SendLimitCounter(clock);
        first.Add(4);
        clock.Advance(TimeSpan.FromMinutes(10));
        var second = new SendLimitCounter(clock, first.State);
        Assert.False(second.Check(2, 5, 100).Allowed);
        Assert.True(second.Check(1, 5, 100).Allowed);
    }

    [Fact]
    public void Stored_counters_from_yesterday_start_from_zero()
    {
        var clock = new ManualClock(Noon);
        var first = new SendLimitCounter(clock);
        first.Add(4);
        clock.Advance(TimeSpan.FromDays(1));
        var second = new SendLimitCounter(clock, first.State);
        Assert.Equal(0, second.Usage(5, 10).SentToday);
    }

    [Fact]
    public void A_crash_after_any_send_never_lets_the_account_send_past_its_limits()
    {
        var clock = new ManualClock(Noon);
        const int hourly = 23, daily = 40, block = 5;
        SendCounterState? stored = null;
        var sent = 0;
        // Crash after every send: each new counter starts from what was stored, as a re-activated grain does.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var counter = new SendLimitCounter(clock, stored);
            if (!counter.Check(1, hourly, daily).Allowed) break;
            if (counter.Reserve(1, block, hourly, daily)) stored = counter.State;
            sent++;
            counter.Add(1);
        }
        // Each crash may waste the rest of a reserved block, never more: the account still sends, and never past the limit.
        Assert.InRange(sent, hourly / (block + 1), hourly);
        Assert.True(stored!.HourCount <= hourly, $"stored {stored.HourCount} sends this hour, more than the limit");
    }

    [Fact]
    public void Reserving_writes_once_per_block_and_the_stored_count_is_never_below_what_was_sent()
    {
        var clock = new ManualClock(Noon);
        var counter = new SendLimitCounter(clock);
        var writes = 0;
        SendCounterState stored = SendCounterState.Empty;
        for (var i = 0; i < 20; i++)
        {
            if (counter.Reserve(1, block: 5, hourlyLimit: 1000, dailyLimit: 10_000)) { writes++; stored = counter.State; }
            counter.Add(1);
            Assert.True(stored.HourCount >= i + 1, $"after {i + 1} sends the stored reservation is {stored.HourCount}");
        }
        Assert.Equal(4, writes);
        Assert.Equal(20, counter.Usage(1000, 10_000).SentThisHour);
    }
}

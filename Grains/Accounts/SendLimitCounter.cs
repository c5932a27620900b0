using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Accounts;

/// <summary>Hourly and daily send counters of an account, reset at each full UTC hour and at UTC midnight (fixed
/// windows, as operators read "sent today"). The clock is injected so tests and the grain agree on time.</summary>
public sealed class SendLimitCounter(TimeProvider clock, SendCounterState? state = null)
{
    private SendCounterState _state = state ?? SendCounterState.Empty;

    /// <summary>The counters with windows rolled to now: what the grain stores.</summary>
    public SendCounterState State => _state = Roll(_state, clock.GetUtcNow());

    /// <summary>Whether <paramref name="count"/> more sends fit now.</summary>
    public LimitDecision Check(int count, int hourlyLimit, int dailyLimit)
    {
        var now = clock.GetUtcNow();
        var s = State;
        if (s.DayCount + count > dailyLimit) return new LimitDecision(false, "daily", NextDay(now));
        if (s.HourCount + count > hourlyLimit) return new LimitDecision(false, "hourly", NextHour(now));
        return LimitDecision.Allow;
    }

    /// <summary>Counts sends that happened (a send is counted even if it pushed past a limit: it did happen).</summary>
    public void Add(int count)
    {
        var s = State;
        _state = s with { HourCount = s.HourCount + count, DayCount = s.DayCount + count };
    }

    public SendUsage Usage(int hourlyLimit, int dailyLimit)
    {
        var now = clock.GetUtcNow();
        var s = State;
        return new SendUsage(s.HourCount, hourlyLimit, NextHour(now), s.DayCount, dailyLimit, NextDay(now));
    }

    public static DateTimeOffset HourStart(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset DayStart(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset NextHour(DateTimeOffset now) => HourStart(now).AddHours(1);

    private static DateTimeOffset NextDay(DateTimeOffset now) => DayStart(now).AddDays(1);

    private static SendCounterState Roll(SendCounterState s, DateTimeOffset now)
    {
        var hour = HourStart(now);
        var day = DayStart(now);
        if (s.HourStart == hour && s.DayStart == day) return s;
        return new SendCounterState(hour, s.HourStart == hour ? s.HourCount : 0, day, s.DayStart == day ? s.DayCount : 0);
    }
}

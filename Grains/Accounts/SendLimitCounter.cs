using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Accounts;

/// <summary>Hourly and daily send counters of an account, reset at each full UTC hour and at UTC midnight (fixed
/// windows, as operators read "sent today"). The clock is injected so tests and the grain agree on time.
/// Crash-safe: sends are reserved in blocks before they happen (<see cref="Reserve"/>), and what the grain stores
/// (<see cref="State"/>) is the reservation, never less than what was sent; a counter restored after a crash starts
/// from the reservation, so it may under-use a block of sends but can never send past a limit.</summary>
/// <remarks>Thread-safe: status queries interleave with the sending turn (they read and roll the windows), and an
/// unlocked read-roll-write there could drop a count the send had just added.</remarks>
public sealed class SendLimitCounter(TimeProvider clock, SendCounterState? state = null)
{
    private readonly Lock _gate = new();
    private SendCounterState _sent = state ?? SendCounterState.Empty;
    private SendCounterState _reserved = state ?? SendCounterState.Empty;

    /// <summary>What the grain stores: the reservation (at least what was sent), windows rolled to now.</summary>
    public SendCounterState State
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                _sent = Roll(_sent, now);
                _reserved = Roll(_reserved, now);
                return _reserved with { HourCount = Math.Max(_reserved.HourCount, _sent.HourCount), DayCount = Math.Max(_reserved.DayCount, _sent.DayCount) };
            }
        }
    }

    /// <summary>Whether <paramref name="count"/> more sends fit now.</summary>
    public LimitDecision Check(int count, int hourlyLimit, int dailyLimit)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var s = _sent = Roll(_sent, now);
            if (s.DayCount + count > dailyLimit) return new LimitDecision(false, "daily", NextDay(now));
            if (s.HourCount + count > hourlyLimit) return new LimitDecision(false, "hourly", NextHour(now));
            return LimitDecision.Allow;
        }
    }

    /// <summary>Makes sure <paramref name="count"/> more sends are covered by the stored reservation. Returns true when
    /// the reservation grew (by the sends plus <paramref name="block"/> more, never past a limit): the grain must store
    /// <see cref="State"/> before sending, so a crash right after cannot forget these sends.</summary>
    public bool Reserve(int count, int block, int hourlyLimit, int dailyLimit)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var sent = _sent = Roll(_sent, now);
            var reserved = _reserved = Roll(_reserved, now);
            if (sent.HourCount + count <= reserved.HourCount && sent.DayCount + count <= reserved.DayCount) return false;
            var hour = Math.Max(sent.HourCount + count, Math.Min(sent.HourCount + count + block, hourlyLimit));
            var day = Math.Max(sent.DayCount + count, Math.Min(sent.DayCount + count + block, dailyLimit));
            _reserved = reserved with { HourCount = Math.Max(reserved.HourCount, hour), DayCount = Math.Max(reserved.DayCount, day) };
            return true;
        }
    }

    /// <summary>Counts sends that happened (a send is counted even if it pushed past a limit: it did happen).</summary>
    public void Add(int count)
    {
        lock (_gate)
        {
            var s = _sent = Roll(_sent, clock.GetUtcNow());
            _sent = s with { HourCount = s.HourCount + count, DayCount = s.DayCount + count };
        }
    }

    public SendUsage Usage(int hourlyLimit, int dailyLimit)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var s = _sent = Roll(_sent, now);
            return new SendUsage(s.HourCount, hourlyLimit, NextHour(now), s.DayCount, dailyLimit, NextDay(now));
        }
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

using Cluster.Grains.Abstractions.Admin;

namespace Cluster.Grains.Accounts;

/// <summary>An account's sends, failures, errors and flood waits per clock hour (UTC) over the last 24 hours, for
/// /worker_stats. Kept in the account's state, so the counts survive restarts; hours older than a day are dropped.
/// Locked: the statistics query reads it from an interleaved call while a send turn adds to it.</summary>
public sealed class HourlyActivity(TimeProvider clock, IReadOnlyList<AccountHourStatistics>? stored = null)
{
    /// <summary>How many clock hours are kept: the current one and the 23 before it.</summary>
    public const int HoursKept = 24;

    private readonly List<AccountHourStatistics> _hours = stored?.OrderBy(h => h.HourStart).ToList() ?? [];

    public void AddSent(int count) => Add(sent: count);

    public void AddFailed() => Add(failed: 1);

    public void AddError() => Add(errors: 1);

    public void AddFloodWait() => Add(floodWaits: 1);

    /// <summary>The hours within the last 24, oldest first.</summary>
    public IReadOnlyList<AccountHourStatistics> Last24Hours()
    {
        var oldest = HourStart(clock.GetUtcNow()).AddHours(-(HoursKept - 1));
        lock (_hours) return _hours.Where(h => h.HourStart >= oldest).ToList();
    }

    public IReadOnlyList<AccountHourStatistics> ToState()
    {
        lock (_hours)
        {
            Trim();
            return _hours.ToList();
        }
    }

    private void Add(int sent = 0, int failed = 0, int errors = 0, int floodWaits = 0)
    {
        lock (_hours) AddLocked(sent, failed, errors, floodWaits);
    }

    private void AddLocked(int sent, int failed, int errors, int floodWaits)
    {
        var hour = HourStart(clock.GetUtcNow());
        if (_hours.Count > 0 && _hours[^1].HourStart == hour)
        {
            var h = _hours[^1];
            _hours[^1] = h with { Sent = h.Sent + sent, Failed = h.Failed + failed, Errors = h.Errors + errors, FloodWaits = h.FloodWaits + floodWaits };
        }
        else
        {
            _hours.Add(new AccountHourStatistics(hour, sent, failed, errors, floodWaits));
            Trim();
        }
    }

    private void Trim()
    {
        var oldest = HourStart(clock.GetUtcNow()).AddHours(-(HoursKept - 1));
        _hours.RemoveAll(h => h.HourStart < oldest);
    }

    private static DateTimeOffset HourStart(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

namespace Cluster.Grains.Accounts;

/// <summary>The stored form of <see cref="SendLimitCounter"/>: the start of the current hour and day windows (UTC)
/// and the sends counted in each.</summary>
public sealed record SendCounterState(DateTimeOffset HourStart, int HourCount, DateTimeOffset DayStart, int DayCount)
{
    public static SendCounterState Empty { get; } = new(DateTimeOffset.MinValue, 0, DateTimeOffset.MinValue, 0);
}

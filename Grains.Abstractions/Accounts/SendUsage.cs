namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>How much of its hourly and daily send allowance an account has used, and when each window resets
/// (the next full UTC hour, the next UTC midnight).</summary>
public sealed record SendUsage(
    int SentThisHour,
    int HourlyLimit,
    DateTimeOffset HourResetsAt,
    int SentToday,
    int DailyLimit,
    DateTimeOffset DayResetsAt);

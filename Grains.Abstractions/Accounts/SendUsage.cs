namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>How much of its hourly and daily send allowance an account has used, and when each window resets
/// (the next full UTC hour, the next UTC midnight).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SendUsage")]
public sealed record SendUsage(
    [Id(0)] int SentThisHour,
    [Id(1)] int HourlyLimit,
    [Id(2)] DateTimeOffset HourResetsAt,
    [Id(3)] int SentToday,
    [Id(4)] int DailyLimit,
    [Id(5)] DateTimeOffset DayResetsAt);

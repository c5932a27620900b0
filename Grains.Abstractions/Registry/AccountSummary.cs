using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>One line of /workers and the dashboard's account table, pushed by the account grain on every change
/// so listing the fleet does not activate every account. No secrets; the phone number masked.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountSummary")]
public sealed record AccountSummary(
    [Id(0)] string AccountId,
    [Id(1)] string? Label,
    [Id(2)] string? PhoneMasked,
    [Id(3)] bool Enabled,
    [Id(4)] AccountState State,
    [Id(5)] DateTimeOffset? CooldownUntil,
    [Id(6)] string? ErrorReason,
    [Id(7)] int PairCount,
    [Id(8)] int SentThisHour,
    [Id(9)] int HourlyLimit,
    [Id(10)] int SentToday,
    [Id(11)] int DailyLimit,
    [Id(12)] DateTimeOffset UpdatedAt)
{
    /// <summary>Telegram's api_id (never the api_hash); 0 while not configured.</summary>
    [Id(13)]
    public int ApiId { get; init; }

    /// <summary>Since when the account is logged in and running; null when it is not. Uptime = now - ActiveSince.</summary>
    [Id(14)]
    public DateTimeOffset? ActiveSince { get; init; }

    /// <summary>How many times an admin restarted the account.</summary>
    [Id(15)]
    public int Restarts { get; init; }
}

using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>One line of /workers and the dashboard's account table, pushed by the account grain on every change
/// so listing the fleet does not activate every account. No secrets; the phone number masked.</summary>
public sealed record AccountSummary(
    string AccountId,
    string? Label,
    string? PhoneMasked,
    bool Enabled,
    AccountState State,
    DateTimeOffset? CooldownUntil,
    string? ErrorReason,
    int PairCount,
    int SentThisHour,
    int HourlyLimit,
    int SentToday,
    int DailyLimit,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Telegram's api_id (never the api_hash); 0 while not configured.</summary>
    public int ApiId { get; init; }

    /// <summary>Since when the account is logged in and running; null when it is not. Uptime = now - ActiveSince.</summary>
    public DateTimeOffset? ActiveSince { get; init; }

    /// <summary>How many times an admin restarted the account.</summary>
    public int Restarts { get; init; }
}

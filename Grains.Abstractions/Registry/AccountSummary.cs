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
    DateTimeOffset UpdatedAt);

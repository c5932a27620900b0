namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Everything /worker_stats and the dashboard show about one account; answered even while the
/// account waits out a cooldown. Carries no secret: no api_hash, no session, the phone number masked.</summary>
public sealed record AccountStatus(
    string AccountId,
    string? Label,
    bool Configured,
    bool Enabled,
    AccountState State,
    LoginStep LoginStep,
    DateTimeOffset? CooldownUntil,
    string? ErrorReason,
    int ApiId,
    string? PhoneMasked,
    AccountIdentity? Identity,
    DateTimeOffset? ActiveSince,
    TimeSpan Uptime,
    int Restarts,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    AccountCounters Counters,
    SendUsage Usage,
    IReadOnlyList<AccountSubscription> Subscriptions,
    DateTimeOffset AsOf);

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Everything /worker_stats and the dashboard show about one account; answered even while the
/// account waits out a cooldown. Carries no secret: no api_hash, no session, the phone number masked.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AccountStatus")]
public sealed record AccountStatus(
    [Id(0)] string AccountId,
    [Id(1)] string? Label,
    [Id(2)] bool Configured,
    [Id(3)] bool Enabled,
    [Id(4)] AccountState State,
    [Id(5)] LoginStep LoginStep,
    [Id(6)] DateTimeOffset? CooldownUntil,
    [Id(7)] string? ErrorReason,
    [Id(8)] int ApiId,
    [Id(9)] string? PhoneMasked,
    [Id(10)] AccountIdentity? Identity,
    [Id(11)] DateTimeOffset? ActiveSince,
    [Id(12)] TimeSpan Uptime,
    [Id(13)] int Restarts,
    [Id(14)] string? LastError,
    [Id(15)] DateTimeOffset? LastErrorAt,
    [Id(16)] AccountCounters Counters,
    [Id(17)] SendUsage Usage,
    [Id(18)] IReadOnlyList<AccountSubscription> Subscriptions,
    [Id(19)] DateTimeOffset AsOf);

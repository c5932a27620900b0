namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A protected group's configuration and counters, as /status and operators see them.</summary>
/// <remarks>Cache hits and misses count membership answers served from the grain's cache or asked of Telegram. A join prompt may
/// name several muted joiners (coalesced under a join flood); JoinersAwaitingPrompt are muted and not named in one yet.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.ProtectedGroupStatus")]
public sealed record ProtectedGroupStatus([Id(0)] long GroupId, [Id(1)] string? BotKey, [Id(2)] bool Enabled, [Id(3)] GuardSettings Settings, [Id(4)] IReadOnlyList<LinkedChannelStatus> Channels,
    [Id(5)] IReadOnlyList<long> AllowList, [Id(6)] IReadOnlyList<long> MutedUsers, [Id(7)] long Muted, [Id(8)] long Unmuted, [Id(9)] long MessagesDeleted, [Id(10)] long WarningsSent,
    [Id(11)] long WarningsSuppressed, [Id(12)] long CacheHits, [Id(13)] long CacheMisses, [Id(14)] long JoinPromptsSent = 0, [Id(15)] int JoinersAwaitingPrompt = 0);

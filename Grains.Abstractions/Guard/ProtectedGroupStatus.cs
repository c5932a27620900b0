namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A protected group's configuration and counters, as /status and operators see them.</summary>
/// <remarks>Cache hits and misses count membership answers served from the grain's cache or asked of Telegram. A join prompt may
/// name several muted joiners (coalesced under a join flood); JoinersAwaitingPrompt are muted and not named in one yet.</remarks>
public sealed record ProtectedGroupStatus(long GroupId, string? BotKey, bool Enabled, GuardSettings Settings, IReadOnlyList<LinkedChannelStatus> Channels,
    IReadOnlyList<long> AllowList, IReadOnlyList<long> MutedUsers, long Muted, long Unmuted, long MessagesDeleted, long WarningsSent,
    long WarningsSuppressed, long CacheHits, long CacheMisses, long JoinPromptsSent = 0, int JoinersAwaitingPrompt = 0);

namespace Cluster.Silo.Dashboard.Api;

/// <summary>One protected group in the dashboard: its linked channels, members muted now, and its counters of mutes,
/// verifications (unmutes after "I have joined"), deleted messages and membership-cache use.</summary>
public sealed record GroupView(
    long GroupId,
    bool Enabled,
    string? SiloId,
    int Channels,
    int MutedNow,
    long Muted,
    long Unmuted,
    long MessagesDeleted,
    long WarningsSent,
    long CacheHits,
    long CacheMisses);

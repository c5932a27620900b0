namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A bot grain's state as an operator sees it (no token).</summary>
/// <remarks>NextOffset is the update id the next getUpdates asks for; counters are since the grain was configured.</remarks>
public sealed record BotStatus(long BotId, bool Configured, bool Enabled, bool Polling, long? NextOffset, long UpdatesHandled,
    long UpdatesFailed, string? LastError);

namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A bot grain's state as an operator sees it (no token).</summary>
/// <remarks>NextOffset is the update id the next getUpdates asks for; counters are since the grain was configured.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.BotStatus")]
public sealed record BotStatus([Id(0)] long BotId, [Id(1)] bool Configured, [Id(2)] bool Enabled, [Id(3)] bool Polling, [Id(4)] long? NextOffset, [Id(5)] long UpdatesHandled,
    [Id(6)] long UpdatesFailed, [Id(7)] string? LastError);

namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>A broadcast as an operator sees it: counts per outcome, the send rate over the last seconds and the time left at that
/// rate. Blocked counts users who blocked the bot (known before, or answered 403 now); Unconfirmed the sends in doubt after a crash.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.BroadcastProgress")]
public sealed record BroadcastProgress(
    [Id(0)] string BroadcastId,
    [Id(1)] long BotId,
    [Id(2)] BroadcastPhase Phase,
    [Id(3)] int Total,
    [Id(4)] int Sent,
    [Id(5)] int Failed,
    [Id(6)] int Blocked,
    [Id(7)] int Unconfirmed,
    [Id(8)] int Pending,
    [Id(9)] double MessagesPerSecond,
    [Id(10)] TimeSpan? Eta,
    [Id(11)] DateTimeOffset CreatedAt,
    [Id(12)] DateTimeOffset? FinishedAt,
    [Id(13)] string? LastError)
{
    public bool Finished => Phase is BroadcastPhase.Completed or BroadcastPhase.Cancelled;
}

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>The timing of one republished source message (or album): Telegram's date of it (<see cref="PostedAt"/>, whole
/// seconds: not a measure of latency), when it arrived at our system (the account read the update; for a message fetched
/// from the history, when the pair received it), when the pair received it, and when the last destination got it.
/// <see cref="ForwardMs"/> is arrival to delivered, <see cref="ProcessingMs"/> pair received to delivered.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.MessageTiming")]
public sealed record MessageTiming(
    [Id(0)] long SourceMessageId,
    [Id(1)] int MessageCount,
    [Id(2)] DateTimeOffset PostedAt,
    [Id(3)] DateTimeOffset ReceivedAt,
    [Id(4)] DateTimeOffset ForwardedAt,
    [Id(5)] double ForwardMs,
    [Id(6)] double ProcessingMs,
    [Id(7)] DateTimeOffset ArrivedAt);

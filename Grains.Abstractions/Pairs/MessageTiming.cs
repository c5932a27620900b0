namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>The timing of one republished source message (or album): when it was posted in the source, when the
/// pair received it, and when the last destination got it.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.MessageTiming")]
public sealed record MessageTiming(
    [Id(0)] long SourceMessageId,
    [Id(1)] int MessageCount,
    [Id(2)] DateTimeOffset PostedAt,
    [Id(3)] DateTimeOffset ReceivedAt,
    [Id(4)] DateTimeOffset ForwardedAt,
    [Id(5)] double EndToEndMs,
    [Id(6)] double ProcessingMs);

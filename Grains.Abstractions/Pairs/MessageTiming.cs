namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>The timing of one republished source message (or album): when it was posted in the source, when the
/// pair received it, and when the last destination got it.</summary>
public sealed record MessageTiming(
    long SourceMessageId,
    int MessageCount,
    DateTimeOffset PostedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ForwardedAt,
    double EndToEndMs,
    double ProcessingMs);

using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>One line of /pairs and the dashboard's pair table, pushed by the pair grain on every change.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairSummary")]
public sealed record PairSummary(
    [Id(0)] string PairId,
    [Id(1)] string? Name,
    [Id(2)] string? AccountId,
    [Id(3)] string? SourceChat,
    [Id(4)] string? SourceTitle,
    [Id(5)] int DestinationCount,
    [Id(6)] ForwardMode Mode,
    [Id(7)] PairState State,
    [Id(8)] bool Enabled,
    [Id(9)] long Forwarded,
    [Id(10)] DateTimeOffset? LastForwardedAt,
    [Id(11)] string? LastError,
    [Id(12)] DateTimeOffset UpdatedAt);

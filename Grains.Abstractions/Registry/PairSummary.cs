using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Abstractions.Registry;

/// <summary>One line of /pairs and the dashboard's pair table, pushed by the pair grain on every change.</summary>
public sealed record PairSummary(
    string PairId,
    string? Name,
    string? AccountId,
    string? SourceChat,
    string? SourceTitle,
    int DestinationCount,
    ForwardMode Mode,
    PairState State,
    bool Enabled,
    long Forwarded,
    DateTimeOffset? LastForwardedAt,
    string? LastError,
    DateTimeOffset UpdatedAt);

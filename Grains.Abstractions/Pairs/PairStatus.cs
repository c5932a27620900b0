namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Everything /pair and the dashboard show about one pair; answered even while a send is in progress.</summary>
public sealed record PairStatus(
    string PairId,
    string? Name,
    PairState State,
    bool Enabled,
    bool Paused,
    string? AccountId,
    ForwardMode Mode,
    string? SourceChat,
    long? SourceChatId,
    string? SourceTitle,
    IReadOnlyList<PairDestination> Destinations,
    PairConfiguration? Configuration,
    PairCheckpointInfo Checkpoint,
    int PendingOperations,
    DateTimeOffset? RetryAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    PastModeStatus? PastMode,
    PairStatistics Statistics,
    DateTimeOffset AsOf);

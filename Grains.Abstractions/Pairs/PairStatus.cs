namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Everything /pair and the dashboard show about one pair; answered even while a send is in progress.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairStatus")]
public sealed record PairStatus(
    [Id(0)] string PairId,
    [Id(1)] string? Name,
    [Id(2)] PairState State,
    [Id(3)] bool Enabled,
    [Id(4)] bool Paused,
    [Id(5)] string? AccountId,
    [Id(6)] ForwardMode Mode,
    [Id(7)] string? SourceChat,
    [Id(8)] long? SourceChatId,
    [Id(9)] string? SourceTitle,
    [Id(10)] IReadOnlyList<PairDestination> Destinations,
    [Id(11)] PairConfiguration? Configuration,
    [Id(12)] PairCheckpointInfo Checkpoint,
    [Id(13)] int PendingOperations,
    [Id(14)] DateTimeOffset? RetryAt,
    [Id(15)] string? LastError,
    [Id(16)] DateTimeOffset? LastErrorAt,
    [Id(17)] PastModeStatus? PastMode,
    [Id(18)] PairStatistics Statistics,
    [Id(19)] DateTimeOffset AsOf);

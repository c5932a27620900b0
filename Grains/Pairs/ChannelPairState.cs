using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>The stored state of a channel pair: its configuration, resolved chats, checkpoint, queue, id map,
/// statistics and timings. Written after every step, so a failover continues from the last one.</summary>
public sealed record ChannelPairState
{
    public PairConfiguration? Configuration { get; init; }

    public bool Paused { get; init; }

    public long? SourceChatId { get; init; }

    public string? SourceTitle { get; init; }

    public IReadOnlyList<PairDestination> Destinations { get; init; } = [];

    public ForwardCheckpoint Checkpoint { get; init; } = ForwardCheckpoint.Initial;

    public IReadOnlyList<PendingOperation> Outbox { get; init; } = [];

    public IReadOnlyList<MessageIdMapEntry> IdMap { get; init; } = [];

    public PairStatistics Statistics { get; init; } = PairStatistics.Zero;

    public LatencyHistogramState? EndToEnd { get; init; }

    public LatencyHistogramState? Processing { get; init; }

    public IReadOnlyList<MessageTiming> RecentTimings { get; init; } = [];

    public PastModeCursor? PastMode { get; init; }

    /// <summary>When the account said to come back (cooldown, limit, not active); null when not waiting.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Why the pair cannot go on by itself (source or destination not resolvable, the account may not post);
    /// null when it can. The pair retries with backoff while it is set.</summary>
    public string? ErrorReason { get; init; }

    /// <summary>Failures in a row (resolution, sends); the backoff grows with it. Reset by a success.</summary>
    public int ConsecutiveFailures { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }
}

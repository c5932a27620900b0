using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Pairs;

/// <summary>The stored state of a channel pair: its configuration, resolved chats, checkpoint, queue, the id map's
/// recent changes and statistics. Written after every step, so a failover continues from the last one; kept small,
/// since a forwarded message writes it once (the id map's snapshot and the timings are states of their own).</summary>
public sealed record ChannelPairState
{
    public PairConfiguration? Configuration { get; init; }

    public bool Paused { get; init; }

    public long? SourceChatId { get; init; }

    public string? SourceTitle { get; init; }

    public IReadOnlyList<PairDestination> Destinations { get; init; } = [];

    public ForwardCheckpoint Checkpoint { get; init; } = ForwardCheckpoint.Initial;

    /// <summary>The queue, except new messages at its tail that no send has touched (the <see cref="Checkpoint"/> stored
    /// with it has not taken those in, so a next activation fetches them again from the history).</summary>
    public IReadOnlyList<PendingOperation> Outbox { get; init; } = [];

    /// <summary>The id map's changes since its snapshot in <see cref="PairIdMapState"/> (a state written before the
    /// pair's state, only every <see cref="ForwardingOptions.MessageIdMapSnapshotInterval"/> changes), as objects: how
    /// earlier versions wrote them. Read on activation before <see cref="IdMapJournal"/>; written empty.</summary>
    public IReadOnlyList<MessageIdMapEntry> IdMap { get; init; } = [];

    /// <summary>The id map's changes since its snapshot, packed (<see cref="MessageIdMapPacking"/>): what is written.</summary>
    public IReadOnlyList<long> IdMapJournal { get; init; } = [];

    public PairStatistics Statistics { get; init; } = PairStatistics.Zero;

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

using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>A chunk of a broadcast's recipients in a fixed order, each with its state (see <see cref="RecipientState"/>).</summary>
public sealed class BroadcastChunkState
{
    public List<ChunkRecipient> Recipients { get; set; } = [];
}

/// <summary>One recipient in a chunk: user id, state, message id when sent, error when failed.</summary>
public sealed class ChunkRecipient
{
    public long UserId { get; set; }
    public RecipientState State { get; set; }
    public int? MessageId { get; set; }
    public string? Error { get; set; }
}

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

    /// <summary>While Sending: the highest message id of the bot the broadcast knew when it recorded the intent (0: none yet). Any
    /// message the send made has a higher id: private chats number their messages from the bot's own counter.</summary>
    public long? Floor { get; set; }
}

using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>A broadcast's header: the bot, the message, its phase, how many chunks and which one is being sent, and where its
/// progress message is. The recipients live in the chunk grains.</summary>
/// <remarks>ProgressToken is the admin bot's token (a secret, never logged or shown).</remarks>
public sealed class BroadcastGrainState
{
    public bool Created { get; set; }
    public long BotId { get; set; }
    public string Text { get; set; } = "";
    public List<StoredEntity> Entities { get; set; } = [];
    public BroadcastMediaKind? MediaKind { get; set; }
    public string? MediaFileId { get; set; }
    public BroadcastPhase Phase { get; set; }
    public int Total { get; set; }
    public int Chunks { get; set; }
    public int CurrentChunk { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ProgressToken { get; set; }
    public long? ProgressChatId { get; set; }
    public int? ProgressMessageId { get; set; }
    public string? LastError { get; set; }

    /// <summary>The highest message id a send of this broadcast got, as of the last chunk it finished (the chunks hold the rest).</summary>
    public long LastMessageId { get; set; }

    public BroadcastMessage Message() => new(Text, Entities.Select(e => new BroadcastEntity(e.Type, e.Offset, e.Length, e.Url)).ToList(), MediaKind, MediaFileId);
}

/// <summary>A stored formatting entity (see <see cref="BroadcastEntity"/>).</summary>
public sealed class StoredEntity
{
    public string Type { get; set; } = "";
    public int Offset { get; set; }
    public int Length { get; set; }
    public string? Url { get; set; }
}

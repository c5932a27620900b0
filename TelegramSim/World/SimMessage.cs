namespace Cluster.TelegramSim.World;

/// <summary>A message as stored by the simulated Telegram (immutable: an edit or deletion replaces it).
/// <see cref="Text"/> is the text, or the caption when <see cref="Media"/> is set. Channel posts have
/// <see cref="SenderChatId"/> = the channel and <see cref="PostedByUserId"/> = who posted them.</summary>
public sealed record SimMessage(
    long ChatId,
    long Id,
    long? SenderUserId,
    long? SenderChatId,
    long? PostedByUserId,
    DateTimeOffset Date,
    string? Text,
    IReadOnlyList<SimEntity> Entities,
    SimMedia? Media = null,
    string? MediaGroupId = null,
    SimForwardOrigin? ForwardOrigin = null,
    SimCopyOrigin? CopiedFrom = null,
    SimInlineKeyboard? ReplyMarkup = null,
    long? ReplyToMessageId = null,
    SimServiceAction? Service = null,
    DateTimeOffset? EditDate = null,
    DateTimeOffset? DeletedAt = null,
    string? AuthorSignature = null)
{
    public bool IsDeleted => DeletedAt is not null;
    public bool IsForwarded => ForwardOrigin is not null;
    public bool IsService => Service is not null;

    /// <summary>The user who wrote it: the sender, or the admin who posted in a channel.</summary>
    public long? AuthorUserId => SenderUserId ?? PostedByUserId;
}

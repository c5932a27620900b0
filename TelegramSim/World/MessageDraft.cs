namespace Cluster.TelegramSim.World;

/// <summary>A message about to be stored: everything but the chat, id, sender and date.</summary>
internal sealed record MessageDraft(
    string? Text,
    IReadOnlyList<SimEntity> Entities,
    SimMedia? Media = null,
    string? MediaGroupId = null,
    SimForwardOrigin? ForwardOrigin = null,
    SimCopyOrigin? CopiedFrom = null,
    SimInlineKeyboard? ReplyMarkup = null,
    long? ReplyToMessageId = null,
    SimServiceAction? Service = null);

namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of editMessageText (core.telegram.org/bots/api#editmessagetext) for a message in a chat.</summary>
/// <remarks>Inline messages (inline_message_id, answered with true) are not modelled.</remarks>
public sealed record EditMessageTextRequest
{
    public ChatId ChatId { get; init; }
    public int MessageId { get; init; }
    public string Text { get; init; } = "";
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? Entities { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

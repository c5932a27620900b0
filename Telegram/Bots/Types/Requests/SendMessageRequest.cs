namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of sendMessage (core.telegram.org/bots/api#sendmessage).</summary>
/// <remarks>Only inline keyboards are modelled as reply_markup.</remarks>
public sealed record SendMessageRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public string Text { get; init; } = "";
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? Entities { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

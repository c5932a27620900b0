namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of sendDocument (core.telegram.org/bots/api#senddocument) with the file given by file_id or URL.</summary>
/// <remarks>By URL only .pdf and .zip are accepted by Telegram.</remarks>
public sealed record SendDocumentRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public string Document { get; init; } = "";
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
    public bool? DisableContentTypeDetection { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

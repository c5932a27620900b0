namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of sendPhoto (core.telegram.org/bots/api#sendphoto) with the photo given by file_id or URL.</summary>
/// <remarks>Uploads (multipart) are not modelled.</remarks>
public sealed record SendPhotoRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public string Photo { get; init; } = "";
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
    public bool? ShowCaptionAboveMedia { get; init; }
    public bool? HasSpoiler { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of sendVideo (core.telegram.org/bots/api#sendvideo) with the video given by file_id or URL.</summary>
/// <remarks>Uploads (multipart) are not modelled.</remarks>
public sealed record SendVideoRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public string Video { get; init; } = "";
    public int? Duration { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
    public bool? ShowCaptionAboveMedia { get; init; }
    public bool? HasSpoiler { get; init; }
    public bool? SupportsStreaming { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

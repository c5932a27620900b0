namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of copyMessage (core.telegram.org/bots/api#copymessage): a copy without the forward header.</summary>
/// <remarks>A caption given here replaces the original one.</remarks>
public sealed record CopyMessageRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public ChatId FromChatId { get; init; }
    public int MessageId { get; init; }
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
    public bool? ShowCaptionAboveMedia { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

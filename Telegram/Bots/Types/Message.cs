namespace Cluster.Telegram.Bots.Types;

/// <summary>A message (core.telegram.org/bots/api#message): text, media, service events and where it was forwarded from.</summary>
/// <remarks>Also stands for InaccessibleMessage in callback queries: such a message has <see cref="Date"/> 0 and only chat and id.</remarks>
public sealed record Message
{
    public int MessageId { get; init; }
    public int? MessageThreadId { get; init; }
    public User? From { get; init; }
    public Chat? SenderChat { get; init; }
    public int? SenderBoostCount { get; init; }
    public long Date { get; init; }
    public Chat Chat { get; init; } = new();
    public MessageOrigin? ForwardOrigin { get; init; }
    public bool? IsTopicMessage { get; init; }
    public bool? IsAutomaticForward { get; init; }
    public Message? ReplyToMessage { get; init; }
    public User? ViaBot { get; init; }
    public long? EditDate { get; init; }
    public bool? HasProtectedContent { get; init; }
    public string? MediaGroupId { get; init; }
    public string? AuthorSignature { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<MessageEntity>? Entities { get; init; }
    public IReadOnlyList<PhotoSize>? Photo { get; init; }
    public Video? Video { get; init; }
    public Document? Document { get; init; }
    public string? Caption { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
    public bool? ShowCaptionAboveMedia { get; init; }
    public bool? HasMediaSpoiler { get; init; }
    public IReadOnlyList<User>? NewChatMembers { get; init; }
    public User? LeftChatMember { get; init; }
    public string? NewChatTitle { get; init; }
    public bool? DeleteChatPhoto { get; init; }
    public bool? GroupChatCreated { get; init; }
    public bool? SupergroupChatCreated { get; init; }
    public bool? ChannelChatCreated { get; init; }
    public long? MigrateToChatId { get; init; }
    public long? MigrateFromChatId { get; init; }
    public Message? PinnedMessage { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

namespace Cluster.Telegram.Bots.Types;

/// <summary>An incoming update (core.telegram.org/bots/api#update): at most one of the optional fields is set.</summary>
/// <remarks><see cref="UpdateId"/> grows by one per update; long polling confirms by asking for offset = last id + 1.</remarks>
public sealed record Update
{
    public long UpdateId { get; init; }
    public Message? Message { get; init; }
    public Message? EditedMessage { get; init; }
    public Message? ChannelPost { get; init; }
    public Message? EditedChannelPost { get; init; }
    public CallbackQuery? CallbackQuery { get; init; }
    public ChatMemberUpdated? MyChatMember { get; init; }
    public ChatMemberUpdated? ChatMember { get; init; }

    /// <summary>The <see cref="UpdateType"/> name of the field that is set, or "unknown" for a kind this record does not model.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Type =>
        Message is not null ? UpdateType.Message :
        EditedMessage is not null ? UpdateType.EditedMessage :
        ChannelPost is not null ? UpdateType.ChannelPost :
        EditedChannelPost is not null ? UpdateType.EditedChannelPost :
        CallbackQuery is not null ? UpdateType.CallbackQuery :
        MyChatMember is not null ? UpdateType.MyChatMember :
        ChatMember is not null ? UpdateType.ChatMember : "unknown";
}

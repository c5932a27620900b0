namespace Cluster.Telegram.Bots.Types;

/// <summary>The update kinds, as named in getUpdates' and setWebhook's <c>allowed_updates</c>.</summary>
/// <remarks>chat_member is not delivered unless asked for explicitly.</remarks>
public static class UpdateType
{
    public const string Message = "message";
    public const string EditedMessage = "edited_message";
    public const string ChannelPost = "channel_post";
    public const string EditedChannelPost = "edited_channel_post";
    public const string CallbackQuery = "callback_query";
    public const string MyChatMember = "my_chat_member";
    public const string ChatMember = "chat_member";
    public const string ChatJoinRequest = "chat_join_request";

    /// <summary>The kinds the product handles, chat_member included.</summary>
    public static IReadOnlyList<string> Handled { get; } =
        [Message, EditedMessage, ChannelPost, EditedChannelPost, CallbackQuery, MyChatMember, ChatMember];
}

namespace Cluster.TelegramSim.World;

/// <summary>One update queued for a bot, with its update_id. <see cref="Kind"/> is the Bot API field name
/// ("message", "channel_post", "edited_message", "callback_query", "chat_member", "my_chat_member", ...).
/// The message is a snapshot taken when the update was created, as Telegram does.</summary>
public sealed record SimBotUpdate(
    long UpdateId,
    string Kind,
    DateTimeOffset CreatedAt,
    SimMessage? Message = null,
    SimCallbackQuery? CallbackQuery = null,
    SimChatMemberChange? MemberChange = null);

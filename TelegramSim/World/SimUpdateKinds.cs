namespace Cluster.TelegramSim.World;

/// <summary>The Bot API's update type names, as used in <c>allowed_updates</c>.</summary>
public static class SimUpdateKinds
{
    public const string Message = "message";
    public const string EditedMessage = "edited_message";
    public const string ChannelPost = "channel_post";
    public const string EditedChannelPost = "edited_channel_post";
    public const string CallbackQuery = "callback_query";
    public const string MyChatMember = "my_chat_member";
    public const string ChatMember = "chat_member";

    /// <summary>What a bot receives when it never set allowed_updates: everything except chat_member
    /// (and reactions, which the simulator does not produce).</summary>
    public static IReadOnlySet<string> Default { get; } = new HashSet<string>
    {
        Message, EditedMessage, ChannelPost, EditedChannelPost, CallbackQuery, MyChatMember,
    };

    /// <summary>Every kind the simulator produces.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(Default) { ChatMember };
}

namespace Cluster.TelegramSim.World;

/// <summary>The kind of a simulated chat, as the Bot API names them.
/// Private chats are dialogs between two users; groups are Telegram's "basic groups".</summary>
public enum SimChatType
{
    Private,
    Group,
    Supergroup,
    Channel,
}

namespace Cluster.Telegram.Bots.Types;

/// <summary>A change of a chat member's status (core.telegram.org/bots/api#chatmemberupdated).</summary>
/// <remarks>Delivered as my_chat_member (the bot itself) and chat_member (others; only if asked for in allowed_updates and the bot is admin).</remarks>
public sealed record ChatMemberUpdated
{
    public Chat Chat { get; init; } = new();
    public User From { get; init; } = new();
    public long Date { get; init; }
    public ChatMember OldChatMember { get; init; } = new();
    public ChatMember NewChatMember { get; init; } = new();
    public ChatInviteLink? InviteLink { get; init; }
    public bool? ViaJoinRequest { get; init; }
    public bool? ViaChatFolderInviteLink { get; init; }
}

namespace Cluster.TelegramSim.World;

/// <summary>A service message's action (a member joined or left a group). Service messages carry no text.</summary>
public sealed record SimServiceAction(string Kind, IReadOnlyList<long> UserIds)
{
    public const string NewChatMembers = "new_chat_members";
    public const string LeftChatMember = "left_chat_member";
}

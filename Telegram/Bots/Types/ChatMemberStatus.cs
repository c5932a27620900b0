namespace Cluster.Telegram.Bots.Types;

/// <summary>The values of <c>ChatMember.status</c>.</summary>
/// <remarks>"kicked" is Telegram's word for banned.</remarks>
public static class ChatMemberStatus
{
    public const string Creator = "creator";
    public const string Administrator = "administrator";
    public const string Member = "member";
    public const string Restricted = "restricted";
    public const string Left = "left";
    public const string Kicked = "kicked";
}

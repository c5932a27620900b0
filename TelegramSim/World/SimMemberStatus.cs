namespace Cluster.TelegramSim.World;

/// <summary>A user's status in a chat, as the Bot API's ChatMember.status names them
/// ("creator", "administrator", "member", "restricted", "left", "kicked").</summary>
public enum SimMemberStatus
{
    Creator,
    Administrator,
    Member,
    Restricted,
    Left,
    Kicked,
}

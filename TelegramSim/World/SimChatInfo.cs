namespace Cluster.TelegramSim.World;

/// <summary>A snapshot of a group, supergroup or channel (for private chats: the two peers).</summary>
public sealed record SimChatInfo(
    long Id,
    SimChatType Type,
    string Title,
    string? Username,
    string? Description,
    long? LinkedChatId,
    SimPermissions Permissions,
    int MemberCount,
    long LastMessageId,
    long? PeerA = null,
    long? PeerB = null);

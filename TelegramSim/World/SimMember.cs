namespace Cluster.TelegramSim.World;

/// <summary>A user's membership in a chat at one moment (immutable; replaced on every change).
/// <see cref="UntilDate"/> bounds a restriction or ban; null means forever.</summary>
public sealed record SimMember(
    long ChatId,
    long UserId,
    SimMemberStatus Status,
    DateTimeOffset Since,
    SimAdminRights? Rights = null,
    SimPermissions? Permissions = null,
    DateTimeOffset? UntilDate = null,
    bool IsMember = true,
    string? CustomTitle = null,
    long? PromotedByUserId = null)
{
    /// <summary>True when the user currently belongs to the chat (sees it, receives its messages).</summary>
    public bool IsInChat => Status switch
    {
        SimMemberStatus.Creator or SimMemberStatus.Administrator or SimMemberStatus.Member => true,
        SimMemberStatus.Restricted => IsMember,
        _ => false,
    };

    /// <summary>True for the creator and administrators.</summary>
    public bool IsAdmin => Status is SimMemberStatus.Creator or SimMemberStatus.Administrator;

    /// <summary>The effective admin rights (all for the creator, none for others).</summary>
    public SimAdminRights? EffectiveRights => Status switch
    {
        SimMemberStatus.Creator => SimAdminRights.Full,
        SimMemberStatus.Administrator => Rights ?? SimAdminRights.Moderator,
        _ => null,
    };

    /// <summary>The state of a user who never joined.</summary>
    public static SimMember NotInChat(long chatId, long userId, DateTimeOffset now) => new(chatId, userId, SimMemberStatus.Left, now);
}

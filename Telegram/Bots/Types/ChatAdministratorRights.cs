namespace Cluster.Telegram.Bots.Types;

/// <summary>The rights of an administrator (core.telegram.org/bots/api#chatadministratorrights).</summary>
/// <remarks>Used by setMyDefaultAdministratorRights and by the simulator to describe admins.</remarks>
public sealed record ChatAdministratorRights
{
    public bool IsAnonymous { get; init; }
    public bool CanManageChat { get; init; }
    public bool CanDeleteMessages { get; init; }
    public bool CanManageVideoChats { get; init; }
    public bool CanRestrictMembers { get; init; }
    public bool CanPromoteMembers { get; init; }
    public bool CanChangeInfo { get; init; }
    public bool CanInviteUsers { get; init; }
    public bool CanPostStories { get; init; }
    public bool CanEditStories { get; init; }
    public bool CanDeleteStories { get; init; }
    public bool? CanPostMessages { get; init; }
    public bool? CanEditMessages { get; init; }
    public bool? CanPinMessages { get; init; }
    public bool? CanManageTopics { get; init; }
}

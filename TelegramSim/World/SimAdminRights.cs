namespace Cluster.TelegramSim.World;

/// <summary>The rights of a chat administrator, mirroring the Bot API's ChatAdministratorRights.
/// A creator implicitly holds every right.</summary>
public sealed record SimAdminRights(
    bool CanManageChat = true,
    bool CanDeleteMessages = true,
    bool CanManageVideoChats = true,
    bool CanRestrictMembers = true,
    bool CanPromoteMembers = false,
    bool CanChangeInfo = true,
    bool CanInviteUsers = true,
    bool CanPostMessages = true,
    bool CanEditMessages = true,
    bool CanPinMessages = true,
    bool CanPostStories = false,
    bool CanEditStories = false,
    bool CanDeleteStories = false,
    bool CanManageTopics = false,
    bool IsAnonymous = false)
{
    /// <summary>Every right, as a creator has.</summary>
    public static SimAdminRights Full { get; } = new(CanPromoteMembers: true, CanPostStories: true, CanEditStories: true, CanDeleteStories: true, CanManageTopics: true);

    /// <summary>The usual rights of a moderation bot: delete, restrict, invite, post, edit.</summary>
    public static SimAdminRights Moderator { get; } = new();

    /// <summary>Only the right to manage the chat (read members), nothing else.</summary>
    public static SimAdminRights ReadOnly { get; } = new(CanDeleteMessages: false, CanManageVideoChats: false, CanRestrictMembers: false,
        CanChangeInfo: false, CanInviteUsers: false, CanPostMessages: false, CanEditMessages: false, CanPinMessages: false);
}

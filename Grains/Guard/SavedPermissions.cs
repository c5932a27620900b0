using Telegram.Bot.Types;

namespace Cluster.Grains.Guard;

/// <summary>What a member could do before the bot muted them, as stored in the group's state, so unmuting gives exactly that back.</summary>
/// <remarks>The grain's own stored shape, not a Bot API type: its fields and their JSON names are those written before the move to
/// Telegram.Bot, so state saved by an older silo still reads. Converted to and from Telegram.Bot's types at the edges.</remarks>
public sealed record SavedPermissions
{
    public bool? CanSendMessages { get; init; }
    public bool? CanSendAudios { get; init; }
    public bool? CanSendDocuments { get; init; }
    public bool? CanSendPhotos { get; init; }
    public bool? CanSendVideos { get; init; }
    public bool? CanSendVideoNotes { get; init; }
    public bool? CanSendVoiceNotes { get; init; }
    public bool? CanSendPolls { get; init; }
    public bool? CanSendOtherMessages { get; init; }
    public bool? CanAddWebPagePreviews { get; init; }
    public bool? CanChangeInfo { get; init; }
    public bool? CanInviteUsers { get; init; }
    public bool? CanPinMessages { get; init; }
    public bool? CanManageTopics { get; init; }

    /// <summary>The permissions of a member someone had restricted.</summary>
    public static SavedPermissions Of(ChatMemberRestricted m) => new()
    {
        CanSendMessages = m.CanSendMessages, CanSendAudios = m.CanSendAudios, CanSendDocuments = m.CanSendDocuments,
        CanSendPhotos = m.CanSendPhotos, CanSendVideos = m.CanSendVideos, CanSendVideoNotes = m.CanSendVideoNotes,
        CanSendVoiceNotes = m.CanSendVoiceNotes, CanSendPolls = m.CanSendPolls, CanSendOtherMessages = m.CanSendOtherMessages,
        CanAddWebPagePreviews = m.CanAddWebPagePreviews, CanChangeInfo = m.CanChangeInfo, CanInviteUsers = m.CanInviteUsers,
        CanPinMessages = m.CanPinMessages, CanManageTopics = m.CanManageTopics,
    };

    /// <summary>Telegram.Bot's permissions to restore; a field never stored is false.</summary>
    public ChatPermissions ToChatPermissions() => new()
    {
        CanSendMessages = CanSendMessages ?? false, CanSendAudios = CanSendAudios ?? false, CanSendDocuments = CanSendDocuments ?? false,
        CanSendPhotos = CanSendPhotos ?? false, CanSendVideos = CanSendVideos ?? false, CanSendVideoNotes = CanSendVideoNotes ?? false,
        CanSendVoiceNotes = CanSendVoiceNotes ?? false, CanSendPolls = CanSendPolls ?? false, CanSendOtherMessages = CanSendOtherMessages ?? false,
        CanAddWebPagePreviews = CanAddWebPagePreviews ?? false, CanChangeInfo = CanChangeInfo ?? false, CanInviteUsers = CanInviteUsers ?? false,
        CanPinMessages = CanPinMessages ?? false, CanManageTopics = CanManageTopics ?? false,
    };
}

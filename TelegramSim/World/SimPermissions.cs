namespace Cluster.TelegramSim.World;

/// <summary>What a member may do in a group, mirroring the Bot API's ChatPermissions
/// (independent media permissions, Bot API 6.5+).</summary>
public sealed record SimPermissions(
    bool CanSendMessages = true,
    bool CanSendAudios = true,
    bool CanSendDocuments = true,
    bool CanSendPhotos = true,
    bool CanSendVideos = true,
    bool CanSendVideoNotes = true,
    bool CanSendVoiceNotes = true,
    bool CanSendPolls = true,
    bool CanSendOtherMessages = true,
    bool CanAddWebPagePreviews = true,
    bool CanChangeInfo = false,
    bool CanInviteUsers = true,
    bool CanPinMessages = false,
    bool CanManageTopics = false)
{
    /// <summary>Every permission granted.</summary>
    public static SimPermissions All { get; } = new(CanChangeInfo: true, CanPinMessages: true, CanManageTopics: true);

    /// <summary>The default permissions of a new group: members may send anything and invite, not change info or pin.</summary>
    public static SimPermissions GroupDefault { get; } = new();

    /// <summary>Nothing may be sent: a muted member.</summary>
    public static SimPermissions Muted { get; } = new(false, false, false, false, false, false, false, false, false, false, false, false, false, false);

    /// <summary>True when the member may send at least one kind of message.</summary>
    public bool CanSendAnything => CanSendMessages || CanSendAudios || CanSendDocuments || CanSendPhotos || CanSendVideos
        || CanSendVideoNotes || CanSendVoiceNotes || CanSendPolls || CanSendOtherMessages;

    /// <summary>Applies Telegram's rule for <c>use_independent_chat_permissions = false</c>: any media, poll or
    /// "other" permission implies can_send_messages, and polls/other imply the media permissions too.</summary>
    public SimPermissions WithDependentRules()
    {
        var p = this;
        if (p.CanSendPolls || p.CanSendOtherMessages || p.CanAddWebPagePreviews)
        {
            p = p with { CanSendAudios = true, CanSendDocuments = true, CanSendPhotos = true, CanSendVideos = true, CanSendVideoNotes = true, CanSendVoiceNotes = true };
        }
        if (p.CanSendAudios || p.CanSendDocuments || p.CanSendPhotos || p.CanSendVideos || p.CanSendVideoNotes || p.CanSendVoiceNotes)
        {
            p = p with { CanSendMessages = true };
        }
        return p;
    }

    /// <summary>Whether these permissions allow sending a message of the given media kind (null for text).</summary>
    public bool Allows(SimMediaKind? media) => media switch
    {
        null => CanSendMessages,
        SimMediaKind.Photo => CanSendPhotos,
        SimMediaKind.Video => CanSendVideos,
        SimMediaKind.Document => CanSendDocuments,
        SimMediaKind.Audio => CanSendAudios,
        SimMediaKind.Voice => CanSendVoiceNotes,
        SimMediaKind.VideoNote => CanSendVideoNotes,
        _ => CanSendOtherMessages,
    };

    /// <summary>The intersection of two permission sets (a member's own restriction within the chat's defaults).</summary>
    public SimPermissions Intersect(SimPermissions o) => new(
        CanSendMessages && o.CanSendMessages, CanSendAudios && o.CanSendAudios, CanSendDocuments && o.CanSendDocuments,
        CanSendPhotos && o.CanSendPhotos, CanSendVideos && o.CanSendVideos, CanSendVideoNotes && o.CanSendVideoNotes,
        CanSendVoiceNotes && o.CanSendVoiceNotes, CanSendPolls && o.CanSendPolls, CanSendOtherMessages && o.CanSendOtherMessages,
        CanAddWebPagePreviews && o.CanAddWebPagePreviews, CanChangeInfo && o.CanChangeInfo, CanInviteUsers && o.CanInviteUsers,
        CanPinMessages && o.CanPinMessages, CanManageTopics && o.CanManageTopics);
}

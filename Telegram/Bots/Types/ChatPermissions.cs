namespace Cluster.Telegram.Bots.Types;

/// <summary>What a non-administrator may do in a chat (core.telegram.org/bots/api#chatpermissions).</summary>
/// <remarks>Unset fields are omitted on the wire; <see cref="NoneAllowed"/> and <see cref="AllAllowed"/> are the mute and unmute sets.</remarks>
public sealed record ChatPermissions
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

    /// <summary>Every permission false: a muted user.</summary>
    public static ChatPermissions NoneAllowed { get; } = All(false);

    /// <summary>Every permission true: the chat's defaults then apply.</summary>
    public static ChatPermissions AllAllowed { get; } = All(true);

    private static ChatPermissions All(bool value) => new()
    {
        CanSendMessages = value, CanSendAudios = value, CanSendDocuments = value, CanSendPhotos = value,
        CanSendVideos = value, CanSendVideoNotes = value, CanSendVoiceNotes = value, CanSendPolls = value,
        CanSendOtherMessages = value, CanAddWebPagePreviews = value, CanChangeInfo = value,
        CanInviteUsers = value, CanPinMessages = value, CanManageTopics = value,
    };
}

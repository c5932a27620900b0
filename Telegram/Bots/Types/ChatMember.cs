namespace Cluster.Telegram.Bots.Types;

/// <summary>A user's membership in a chat (core.telegram.org/bots/api#chatmember): one record with the union of the six kinds' fields.</summary>
/// <remarks><see cref="Status"/> (a <see cref="ChatMemberStatus"/> constant) says which fields are meaningful; a flat record keeps the wire shape without a type hierarchy.</remarks>
public sealed record ChatMember
{
    public string Status { get; init; } = "";
    public User User { get; init; } = new();

    // creator and administrator
    public bool? IsAnonymous { get; init; }
    public string? CustomTitle { get; init; }
    public bool? CanBeEdited { get; init; }
    public bool? CanManageChat { get; init; }
    public bool? CanDeleteMessages { get; init; }
    public bool? CanManageVideoChats { get; init; }
    public bool? CanRestrictMembers { get; init; }
    public bool? CanPromoteMembers { get; init; }
    public bool? CanPostStories { get; init; }
    public bool? CanEditStories { get; init; }
    public bool? CanDeleteStories { get; init; }
    public bool? CanPostMessages { get; init; }
    public bool? CanEditMessages { get; init; }

    // shared by administrator and restricted
    public bool? CanChangeInfo { get; init; }
    public bool? CanInviteUsers { get; init; }
    public bool? CanPinMessages { get; init; }
    public bool? CanManageTopics { get; init; }

    // restricted
    public bool? IsMember { get; init; }
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

    /// <summary>Unix time when a restriction or ban ends (0 = forever), or when a member's subscription expires.</summary>
    public long? UntilDate { get; init; }

    /// <summary>True for creator, administrator and member, and for a restricted user who is still in the chat.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsInChat => Status switch
    {
        ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member => true,
        ChatMemberStatus.Restricted => IsMember == true,
        _ => false,
    };
}

namespace Cluster.Telegram.Bots.Types;

/// <summary>Full information about a chat, the result of getChat (core.telegram.org/bots/api#chatfullinfo).</summary>
/// <remarks>Holds the fields the product reads (permissions, linked chat, invite link, join settings); unknown ones are ignored.</remarks>
public sealed record ChatFullInfo
{
    public long Id { get; init; }
    public string Type { get; init; } = "";
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public bool? IsForum { get; init; }
    public int? AccentColorId { get; init; }
    public int? MaxReactionCount { get; init; }
    public ChatPhoto? Photo { get; init; }
    public IReadOnlyList<string>? ActiveUsernames { get; init; }
    public string? Bio { get; init; }
    public bool? HasPrivateForwards { get; init; }
    public bool? JoinToSendMessages { get; init; }
    public bool? JoinByRequest { get; init; }
    public string? Description { get; init; }
    public string? InviteLink { get; init; }
    public Message? PinnedMessage { get; init; }
    public ChatPermissions? Permissions { get; init; }
    public int? SlowModeDelay { get; init; }
    public int? MessageAutoDeleteTime { get; init; }
    public bool? HasProtectedContent { get; init; }
    public bool? HasVisibleHistory { get; init; }
    public bool? HasHiddenMembers { get; init; }
    public long? LinkedChatId { get; init; }
}

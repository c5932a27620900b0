namespace Cluster.Telegram.Bots.Types;

/// <summary>An invite link of a chat (core.telegram.org/bots/api#chatinvitelink).</summary>
/// <remarks>The result of createChatInviteLink; also tells in a <see cref="ChatMemberUpdated"/> which link a user joined by.</remarks>
public sealed record ChatInviteLink
{
    public string InviteLink { get; init; } = "";
    public User Creator { get; init; } = new();
    public bool CreatesJoinRequest { get; init; }
    public bool IsPrimary { get; init; }
    public bool IsRevoked { get; init; }
    public string? Name { get; init; }
    public long? ExpireDate { get; init; }
    public int? MemberLimit { get; init; }
    public int? PendingJoinRequestCount { get; init; }
    public int? SubscriptionPeriod { get; init; }
    public int? SubscriptionPrice { get; init; }
}

namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of restrictChatMember (core.telegram.org/bots/api#restrictchatmember).</summary>
/// <remarks>until_date under 30 s or over 366 days from now means forever; without independent permissions, Telegram derives some flags from others.</remarks>
public sealed record RestrictChatMemberRequest
{
    public ChatId ChatId { get; init; }
    public long UserId { get; init; }
    public ChatPermissions Permissions { get; init; } = new();
    public bool? UseIndependentChatPermissions { get; init; }
    public long? UntilDate { get; init; }
}

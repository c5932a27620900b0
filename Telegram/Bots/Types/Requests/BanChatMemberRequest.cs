namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of banChatMember (core.telegram.org/bots/api#banchatmember).</summary>
/// <remarks>In supergroups and channels the user cannot come back by invite link until unbanned.</remarks>
public sealed record BanChatMemberRequest
{
    public ChatId ChatId { get; init; }
    public long UserId { get; init; }
    public long? UntilDate { get; init; }
    public bool? RevokeMessages { get; init; }
}

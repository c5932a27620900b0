namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of unbanChatMember (core.telegram.org/bots/api#unbanchatmember).</summary>
/// <remarks>Without only_if_banned a current member is removed from the chat; set it to true to be safe.</remarks>
public sealed record UnbanChatMemberRequest
{
    public ChatId ChatId { get; init; }
    public long UserId { get; init; }
    public bool? OnlyIfBanned { get; init; }
}

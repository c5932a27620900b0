namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of getChatMember (core.telegram.org/bots/api#getchatmember).</summary>
/// <remarks>For channels the bot must be an administrator to see members other than itself.</remarks>
public sealed record ChatMemberRequest
{
    public ChatId ChatId { get; init; }
    public long UserId { get; init; }
}

namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of createChatInviteLink (core.telegram.org/bots/api#createchatinvitelink).</summary>
/// <remarks>member_limit and creates_join_request exclude each other.</remarks>
public sealed record CreateChatInviteLinkRequest
{
    public ChatId ChatId { get; init; }
    public string? Name { get; init; }
    public long? ExpireDate { get; init; }
    public int? MemberLimit { get; init; }
    public bool? CreatesJoinRequest { get; init; }
}

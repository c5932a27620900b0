namespace Cluster.TelegramSim.World;

/// <summary>An invite link of a chat ("https://t.me/+hash"). <see cref="CreatorUserId"/> made it.</summary>
public sealed record SimInviteLink(
    string Hash,
    long ChatId,
    long CreatorUserId,
    DateTimeOffset CreatedAt,
    string? Name = null,
    DateTimeOffset? ExpireDate = null,
    int? MemberLimit = null,
    bool CreatesJoinRequest = false,
    bool IsPrimary = false,
    bool IsRevoked = false,
    int UseCount = 0)
{
    public string Url => "https://t.me/+" + Hash;
}

namespace Cluster.TelegramSim.World;

/// <summary>A change of one user's membership in a chat (the payload of chat_member / my_chat_member updates).
/// <see cref="ActorUserId"/> is who made the change (the user themself when joining or leaving).</summary>
public sealed record SimChatMemberChange(long ChatId, long ActorUserId, DateTimeOffset Date, SimMember OldMember, SimMember NewMember, string? InviteLink = null);

namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A chat_member or my_chat_member update: a user's status in a chat changed.</summary>
/// <remarks>Statuses are the Bot API's (creator, administrator, member, restricted, left, kicked); *InChat says whether the user belongs
/// to the chat (a restricted user may or may not). BotCanRestrict / BotCanDelete describe the new rights when the user is the bot.</remarks>
public sealed record MemberChange(long ChatId, string ChatType, string? ChatTitle, GuardUser User, long ActorId, string OldStatus, bool OldInChat,
    string NewStatus, bool NewInChat, bool NewCanRestrict, bool NewCanDelete);

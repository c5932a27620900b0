namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A chat_member or my_chat_member update: a user's status in a chat changed.</summary>
/// <remarks>Statuses are the Bot API's (creator, administrator, member, restricted, left, kicked); *InChat says whether the user belongs
/// to the chat (a restricted user may or may not). BotCanRestrict / BotCanDelete describe the new rights when the user is the bot.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.MemberChange")]
public sealed record MemberChange([Id(0)] long ChatId, [Id(1)] string ChatType, [Id(2)] string? ChatTitle, [Id(3)] GuardUser User, [Id(4)] long ActorId, [Id(5)] string OldStatus, [Id(6)] bool OldInChat,
    [Id(7)] string NewStatus, [Id(8)] bool NewInChat, [Id(9)] bool NewCanRestrict, [Id(10)] bool NewCanDelete);

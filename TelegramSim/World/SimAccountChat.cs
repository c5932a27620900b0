namespace Cluster.TelegramSim.World;

/// <summary>A chat as an account sees it: its id (a user id for private chats), whether the account
/// belongs to it and may post in it.</summary>
public sealed record SimAccountChat(long ChatId, SimChatType Type, string Title, string? Username, bool IsMember, bool CanPost);

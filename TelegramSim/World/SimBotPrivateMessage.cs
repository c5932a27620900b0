namespace Cluster.TelegramSim.World;

/// <summary>A message a bot sent to a user in their private chat, for audits of what each user received (a broadcast's "exactly once").</summary>
public sealed record SimBotPrivateMessage(long UserId, long MessageId, DateTimeOffset Date, string? Text, bool IsDeleted);

namespace Cluster.TelegramSim.World;

/// <summary>A press of an inline button by a user, sent to the bot that owns the message.</summary>
public sealed record SimCallbackQuery(string Id, long FromUserId, SimMessage Message, string ChatInstance, string Data, DateTimeOffset Date);

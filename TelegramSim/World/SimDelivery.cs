namespace Cluster.TelegramSim.World;

/// <summary>Inspection record: an update handed to a bot (by getUpdates or a successful webhook POST).</summary>
public sealed record SimDelivery(long BotUserId, long UpdateId, string Kind, long? ChatId, long? MessageId, DateTimeOffset CreatedAt, DateTimeOffset DeliveredAt, string Via);

namespace Cluster.TelegramSim.World;

/// <summary>Inspection-only record of the message a copy (a forward without header) was made from.
/// Real Telegram does not show this to anyone; tests use it to check what was copied where.</summary>
public sealed record SimCopyOrigin(long ChatId, long MessageId);

namespace Cluster.TelegramSim.World;

/// <summary>A bot's webhook state, as getWebhookInfo reports it.</summary>
public sealed record SimWebhookInfo(string Url, int PendingUpdateCount, DateTimeOffset? LastErrorDate, string? LastErrorMessage, int MaxConnections, IReadOnlyList<string>? AllowedUpdates);

namespace Cluster.TelegramSim.World;

/// <summary>The next update to POST to a bot's webhook.</summary>
internal sealed record WebhookWork(string Url, string? SecretToken, SimBotUpdate Update);

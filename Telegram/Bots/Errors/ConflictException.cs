namespace Cluster.Telegram.Bots.Errors;

/// <summary>Another getUpdates poller of the same bot is running, or a webhook is set (409).</summary>
/// <remarks>Two pollers of one bot means a duplicate activation: the cluster must ensure one poller per token.</remarks>
public sealed class ConflictException(string method, string description)
    : BotApiException(method, 409, description);

namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of deleteWebhook (core.telegram.org/bots/api#deletewebhook).</summary>
/// <remarks>Needed before getUpdates works again for a bot that had a webhook.</remarks>
public sealed record DeleteWebhookRequest
{
    public bool? DropPendingUpdates { get; init; }
}

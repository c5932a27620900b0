namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of setWebhook (core.telegram.org/bots/api#setwebhook), without certificate upload.</summary>
/// <remarks>Telegram echoes <see cref="SecretToken"/> in the X-Telegram-Bot-Api-Secret-Token header of every call.</remarks>
public sealed record SetWebhookRequest
{
    public string Url { get; init; } = "";
    public string? IpAddress { get; init; }
    public int? MaxConnections { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }
    public bool? DropPendingUpdates { get; init; }
    public string? SecretToken { get; init; }
}

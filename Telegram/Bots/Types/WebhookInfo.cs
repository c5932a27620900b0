namespace Cluster.Telegram.Bots.Types;

/// <summary>The current webhook status (core.telegram.org/bots/api#webhookinfo).</summary>
/// <remarks><see cref="Url"/> is empty when the bot uses getUpdates.</remarks>
public sealed record WebhookInfo
{
    public string Url { get; init; } = "";
    public bool HasCustomCertificate { get; init; }
    public int PendingUpdateCount { get; init; }
    public string? IpAddress { get; init; }
    public long? LastErrorDate { get; init; }
    public string? LastErrorMessage { get; init; }
    public long? LastSynchronizationErrorDate { get; init; }
    public int? MaxConnections { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }
}

namespace Cluster.Telegram.Bots;

/// <summary>The body of methods without parameters (getMe, getWebhookInfo): an empty JSON object.</summary>
/// <remarks>Posting "{}" keeps every call a JSON POST, which Telegram and the simulator both accept.</remarks>
internal sealed record EmptyRequest;

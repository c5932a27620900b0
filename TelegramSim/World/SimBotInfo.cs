namespace Cluster.TelegramSim.World;

/// <summary>A snapshot of a bot: its user, token and delivery state. The token is a secret in real life;
/// here tests need it to call the Bot API.</summary>
public sealed record SimBotInfo(
    long UserId,
    string Username,
    string Token,
    string? WebhookUrl,
    IReadOnlySet<string>? AllowedUpdates,
    int PendingUpdateCount,
    bool PrivacyMode,
    IReadOnlyList<SimBotCommand> Commands);

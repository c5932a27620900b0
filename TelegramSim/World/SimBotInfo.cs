namespace Cluster.TelegramSim.World;

/// <summary>A snapshot of a bot: its user, token and delivery state. The token is a secret in real life;
/// here tests need it to call the Bot API. <see cref="NextUpdateId"/> is the id its next update will get (ids start at 1 in
/// every new world, so a client holding a larger offset is talking to a recreated simulator).</summary>
public sealed record SimBotInfo(
    long UserId,
    string Username,
    string Token,
    string? WebhookUrl,
    IReadOnlyList<string>? AllowedUpdates,
    int PendingUpdateCount,
    bool PrivacyMode,
    IReadOnlyList<SimBotCommand> Commands,
    long NextUpdateId = 1);

namespace Cluster.Telegram.Bots.Errors;

/// <summary>The bot token is invalid or was revoked (401).</summary>
/// <remarks>Nothing works until the token is replaced; pollers stop on it.</remarks>
public sealed class UnauthorizedException(string method, string description)
    : BotApiException(method, 401, description);

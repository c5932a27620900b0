namespace Cluster.Telegram.Bots.Errors;

/// <summary>The method does not exist (404), which also happens with a malformed token or base URL.</summary>
/// <remarks>A configuration error rather than a chat-specific one.</remarks>
public sealed class NotFoundException(string method, string description)
    : BotApiException(method, 404, description);

namespace Cluster.Telegram.Bots.Errors;

/// <summary>The bot may not act on that chat (403): blocked by the user, kicked, not a member, not an admin.</summary>
/// <remarks>Usually permanent for that chat; broadcasts mark the recipient and move on.</remarks>
public sealed class ForbiddenException(string method, string description)
    : BotApiException(method, 403, description);

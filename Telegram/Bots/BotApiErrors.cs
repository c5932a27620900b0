using Telegram.Bot.Exceptions;

namespace Cluster.Telegram.Bots;

/// <summary>Bot API answers that callers act on by their text, as Telegram gives no code of their own for them.</summary>
public static class BotApiErrors
{
    /// <summary>400 "message is not modified": an edit to what the message already shows (nothing changed).</summary>
    public static bool IsNotModified(ApiRequestException e)
        => e.ErrorCode == 400 && e.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase);

    /// <summary>403 "bot was blocked by the user": the user blocked the bot; nothing reaches them until they unblock it.</summary>
    public static bool IsBlockedByUser(ApiRequestException e)
        => e.ErrorCode == 403 && e.Message.Contains("blocked by the user", StringComparison.OrdinalIgnoreCase);
}

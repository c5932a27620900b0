namespace Cluster.Telegram.Bots.Errors;

/// <summary>A failed Bot API call: Telegram's error code and description, never the bot token.</summary>
/// <remarks>Subclasses name the cases callers act on (429, 403, 409, migration, ...); transport failures use
/// <see cref="ErrorCode"/> 0 or the HTTP status and say what went wrong in <see cref="Exception.Message"/>.</remarks>
public class BotApiException : Exception
{
    public BotApiException(string method, int errorCode, string description, Exception? inner = null)
        : base($"Bot API {method} failed: {errorCode} {description}", inner)
    {
        Method = method;
        ErrorCode = errorCode;
        Description = description;
    }

    /// <summary>The Bot API method that failed, e.g. "sendMessage".</summary>
    public string Method { get; }

    /// <summary>Telegram's error_code (an HTTP status), or 0 when no answer was received.</summary>
    public int ErrorCode { get; }

    /// <summary>Telegram's description, or what went wrong on the way.</summary>
    public string Description { get; }
}

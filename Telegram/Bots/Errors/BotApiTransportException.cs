namespace Cluster.Telegram.Bots.Errors;

/// <summary>No usable Bot API answer: a timeout, a refused connection, or a body that is not the JSON envelope (an HTML error page, malformed JSON).</summary>
/// <remarks><see cref="BotApiException.ErrorCode"/> is the HTTP status if one was received, else 0. The request may or may not have taken effect.</remarks>
public sealed class BotApiTransportException(string method, int httpStatus, string reason, Exception? inner = null)
    : BotApiException(method, httpStatus, reason, inner)
{
    /// <summary>True when the call was abandoned because it exceeded the configured request timeout.</summary>
    public bool IsTimeout { get; init; }
}

namespace Cluster.Telegram.Bots.Errors;

/// <summary>Flood control (429): Telegram asks to wait <see cref="RetryAfter"/> before sending again.</summary>
/// <remarks>The client already waits and retries short pauses; it surfaces this when retries are exhausted or the wait is too long.</remarks>
public sealed class TooManyRequestsException(string method, string description, TimeSpan retryAfter)
    : BotApiException(method, 429, description)
{
    /// <summary>How long Telegram asked to wait.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}

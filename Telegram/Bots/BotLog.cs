using Microsoft.Extensions.Logging;

namespace Cluster.Telegram.Bots;

/// <summary>Source-generated log messages of the Bot API client, poller and webhook.</summary>
/// <remarks>Bots are named by their numeric id (the public part of the token); the token itself is never logged.</remarks>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Bot {BotId}: {Method} failed with {ErrorCode}: {Description}")]
    public static partial void CallFailed(ILogger logger, long botId, string method, int errorCode, string description);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Bot {BotId}: {Method} got no usable answer: {Reason}")]
    public static partial void TransportFailed(ILogger logger, long botId, string method, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Bot {BotId}: {Method} to chat {ChatId} got 429, waiting {WaitMs} ms before retry {Attempt}")]
    public static partial void WaitingAfter429(ILogger logger, long botId, string method, string chatId, long waitMs, int attempt);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Bot {BotId}: {Method} got 429 with retry_after {RetryAfterMs} ms; waiting the configured minimum {WaitMs} ms instead")]
    public static partial void RetryAfterRaised(ILogger logger, long botId, string method, long retryAfterMs, long waitMs);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Bot {BotId}: {Method} to chat {ChatId} got 429 with retry_after {RetryAfterMs} ms, above the {MaxMs} ms the client waits itself; the chat is paused and the error surfaced")]
    public static partial void RetryAfterTooLong(ILogger logger, long botId, string method, string chatId, long retryAfterMs, long maxMs);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Bot {BotId}: {Method} to chat {ChatId} still got 429 after {Attempts} retries; surfaced to the caller")]
    public static partial void RetriesExhausted(ILogger logger, long botId, string method, string chatId, int attempts);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Bot {BotId}: {Method} to chat {ChatId} refused without sending: the chat is paused by flood control for {RemainingMs} ms more")]
    public static partial void RefusedWhilePaused(ILogger logger, long botId, string method, string chatId, long remainingMs);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Bot {BotId}: long polling starts at offset {Offset}")]
    public static partial void PollingStarted(ILogger logger, long botId, long? offset);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Bot {BotId}: getUpdates failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void PollFailed(ILogger logger, long botId, string reason, long delayMs);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Bot {BotId}: handler failed on update {UpdateId} (attempt {Attempt}); it will be fetched again")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, long botId, long updateId, int attempt);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Error, Message = "Bot {BotId}: update {UpdateId} skipped after {Attempts} failed handler attempts")]
    public static partial void UpdateSkipped(ILogger logger, long botId, long updateId, int attempts);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Error, Message = "Bot {BotId}: long polling stops: the token was refused")]
    public static partial void PollingUnauthorized(ILogger logger, long botId);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Webhook {Path}: refused a call with {Problem} secret token ({StatusCode})")]
    public static partial void WebhookSecretRefused(ILogger logger, string path, string problem, int statusCode);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "Webhook {Path}: body is not an Update: {Reason}")]
    public static partial void WebhookBadBody(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Error, Message = "Webhook {Path}: handler failed on update {UpdateId}; answering 500 so Telegram delivers it again")]
    public static partial void WebhookHandlerFailed(ILogger logger, Exception exception, string path, long updateId);
}

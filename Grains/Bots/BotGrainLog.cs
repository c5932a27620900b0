using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Bots;

/// <summary>Source-generated log messages of the bot grain; never with the token.</summary>
/// <remarks>Event ids 3100-3199.</remarks>
internal static partial class BotGrainLog
{
    [LoggerMessage(3100, LogLevel.Information, "Bot {BotId} starts polling from offset {Offset}")]
    public static partial void PollingStarted(ILogger logger, string botId, long? offset);

    [LoggerMessage(3101, LogLevel.Information, "Bot {BotId} stopped polling")]
    public static partial void PollingStopped(ILogger logger, string botId);

    [LoggerMessage(3102, LogLevel.Warning, "Bot {BotId} poll failed: {Error}; retrying in {DelayMs} ms")]
    public static partial void PollFailed(ILogger logger, string botId, string error, long delayMs);

    [LoggerMessage(3103, LogLevel.Error, "Bot {BotId}: the token was refused (401); polling stops")]
    public static partial void TokenRefused(ILogger logger, string botId);

    [LoggerMessage(3104, LogLevel.Warning, "Bot {BotId} failed to handle update {UpdateId} ({UpdateType}); skipped")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, string botId, long updateId, string updateType);

    [LoggerMessage(3105, LogLevel.Warning, "Bot {BotId}: delivering a batch to itself failed; polling it again")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string botId);

    [LoggerMessage(3106, LogLevel.Warning, "Bot {BotId}: saving the update offset failed; it is saved with the next batch")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string botId);
}

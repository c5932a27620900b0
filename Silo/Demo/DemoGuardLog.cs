using Microsoft.Extensions.Logging;

namespace Cluster.Silo.Demo;

/// <summary>Source-generated log messages of the demo's membership guard set-up.</summary>
/// <remarks>Event ids 130-139 (the silo's own demo messages are 120-129). Never logs the bot's token.</remarks>
internal static partial class DemoGuardLog
{
    [LoggerMessage(EventId = 130, Level = LogLevel.Information,
        Message = "Demo guard ready: @{BotUsername} protects @{Group} (members must join @{Channel}); simulated guests join, talk, verify and leave at {EventsPerSecond}/s")]
    public static partial void Ready(ILogger logger, string botUsername, string group, string channel, double eventsPerSecond);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information,
        Message = "Demo bot {BotId} holds update offset {Offset} but the simulator's next update is {NextUpdateId} (a new simulator world): starting from its pending updates")]
    public static partial void OffsetReset(ILogger logger, long botId, long offset, long nextUpdateId);
}

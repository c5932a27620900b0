using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.Hosting;

/// <summary>The simulator's structured log messages (source-generated). Tokens, codes and phone numbers are never logged.</summary>
internal static partial class SimLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Telegram simulator listening on {BaseUrl} (world: {Users} users, {Bots} bots, {Chats} chats)")]
    public static partial void Started(ILogger logger, string baseUrl, int users, int bots, int chats);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Injected {FaultKind} fault into {ClientKind} {ClientUserId} {Method}")]
    public static partial void FaultInjected(ILogger logger, string faultKind, string clientKind, long clientUserId, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Webhook delivery for bot {BotUserId} failed: {Error}")]
    public static partial void WebhookFailed(ILogger logger, long botUserId, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Unexpected error answering {Method}")]
    public static partial void UnexpectedError(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Loaded world file {Path}")]
    public static partial void WorldLoaded(ILogger logger, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Seeded the demo world: {Accounts} accounts, {Channels} channels, bot @{BotUsername}")]
    public static partial void DemoSeeded(ILogger logger, int accounts, int channels, string botUsername);
}

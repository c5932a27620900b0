using Microsoft.Extensions.Logging;

namespace Cluster.Silo.Logging;

/// <summary>The silo executable's structured log messages (source-generated). No secret ever appears in them: no
/// api_hash, token, session key or full phone number.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "SIMULATED Telegram: no Telegram:ApiId/Telegram:ApiHash configured, so this silo runs against an in-process Telegram simulator at {SimulatorUrl} seeded with the demo world; nothing reaches real Telegram")]
    public static partial void SimulatedEmbedded(ILogger logger, string simulatorUrl);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "SIMULATED Telegram: this silo runs against the Telegram simulator at {SimulatorUrl} (Telegram:Simulator:BaseUrl); nothing reaches real Telegram")]
    public static partial void SimulatedExternal(ILogger logger, string simulatorUrl);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Real Telegram: accounts connect through TDLib with api_id {ApiId}; accounts that need a log-in wait in WaitingForLogin")]
    public static partial void RealTelegram(ILogger logger, int apiId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Where to look: dashboard {DashboardUrl}, liveness {LiveUrl}, readiness {ReadyUrl}")]
    public static partial void WhereToLook(ILogger logger, string dashboardUrl, string liveUrl, string readyUrl);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "Simulator inspection API: world {WorldUrl}, messages of a chat {MessagesUrl}, answers given {CallsUrl}, Bot API {BotApiUrl}")]
    public static partial void SimulatorInspection(ILogger logger, string worldUrl, string messagesUrl, string callsUrl, string botApiUrl);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information,
        Message = "Orleans dashboard (silos, grains, calls, reminders): {OrleansDashboardUrl}")]
    public static partial void OrleansDashboard(ILogger logger, string orleansDashboardUrl);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning,
        Message = "No Telegram:Sessions:EncryptionKey configured: sessions of the simulated accounts are encrypted with the built-in development key (fit for simulated data only)")]
    public static partial void DevelopmentSessionKey(ILogger logger);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "Cluster database: {Provider} {Database}; silo port {SiloPort}, gateway port {GatewayPort}, HTTP port {HttpPort}")]
    public static partial void Storage(ILogger logger, string provider, string database, int siloPort, int gatewayPort, int httpPort);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning,
        Message = "Real Telegram on SQLite: fine for one machine; several machines need Cluster:Storage:Provider=Postgres")]
    public static partial void RealOnSqlite(ILogger logger);

    [LoggerMessage(EventId = 110, Level = LogLevel.Critical, Message = "Invalid configuration: {Problem}")]
    public static partial void InvalidConfiguration(ILogger logger, string problem);

    [LoggerMessage(EventId = 113, Level = LogLevel.Critical, Message = "The silo failed to start")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 127, Level = LogLevel.Critical, Message = "The silo failed to start: {Problem}")]
    public static partial void SchemaNotReady(ILogger logger, string problem);

    [LoggerMessage(EventId = 114, Level = LogLevel.Critical,
        Message = "The silo failed to start: port {Port} ({Setting}) is already in use by another process; free it or choose another port")]
    public static partial void PortInUse(ILogger logger, int port, string setting);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Silo stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Demo account {AccountId} is {State}")]
    public static partial void DemoAccountReady(ILogger logger, string accountId, string state);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Demo pair {PairId} from {SourceChat} is {State}")]
    public static partial void DemoPairReady(ILogger logger, string pairId, string sourceChat, string state);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information,
        Message = "Demo ready: {Accounts} accounts and {Pairs} channel pairs; posts in the demo source channels are forwarded to their mirrors")]
    public static partial void DemoSeeded(ILogger logger, int accounts, int pairs);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Demo not ready yet (attempt {Attempt} of {MaxAttempts}): {ErrorType}: {Error}")]
    public static partial void DemoSeedRetry(ILogger logger, int attempt, int maxAttempts, string errorType, string error);

    [LoggerMessage(EventId = 124, Level = LogLevel.Error, Message = "Gave up creating the demo accounts and pairs after {MaxAttempts} attempts")]
    public static partial void DemoSeedGaveUp(ILogger logger, int maxAttempts);

    [LoggerMessage(EventId = 126, Level = LogLevel.Information,
        Message = "Demo pair {PairId} has seen source message {SeenId} but the source ends at {SourceLastId} (a new simulator world): setting the pair up again")]
    public static partial void DemoPairReset(ILogger logger, string pairId, long seenId, long sourceLastId);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning,
        Message = "The simulator at {SimulatorUrl} has no demo world (no demo_ accounts): start it with --demo to get the demo accounts and pairs")]
    public static partial void DemoWorldMissing(ILogger logger, string simulatorUrl);
}

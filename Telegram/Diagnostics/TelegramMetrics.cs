using System.Diagnostics.Metrics;

namespace Cluster.Telegram.Diagnostics;

/// <summary>The "Cluster.Telegram" meter: Bot API requests, 429s, retries and sends of the bots' limited Telegram.Bot clients, and requests and
/// flood waits of the account adapters (TDLib, simulator). Labels are method and operation names, never tokens or chats.</summary>
/// <remarks>Static, as the clients are made with <c>new</c> as well as through DI; a process normally hosts one silo.</remarks>
public static class TelegramMetrics
{
    public const string MeterName = "Cluster.Telegram";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Bot API requests sent (each retry counts), tagged "method" and "outcome" (ok, error, too_many_requests).</summary>
    internal static readonly Counter<long> BotRequests =
        Meter.CreateCounter<long>("cluster.telegram.bot.requests", "{request}", "Bot API requests sent, by method and outcome (ok, error, too_many_requests).");

    internal static readonly Histogram<double> BotRequestDuration =
        Meter.CreateHistogram<double>("cluster.telegram.bot.request.duration", "ms", "Time a Bot API request took, by method (getUpdates includes its long-poll wait).");

    internal static readonly Counter<long> BotTooManyRequests =
        Meter.CreateCounter<long>("cluster.telegram.bot.too_many_requests", "{response}", "429 Too Many Requests answers of the Bot API, by method.");

    internal static readonly Counter<long> BotRetries =
        Meter.CreateCounter<long>("cluster.telegram.bot.retries", "{request}", "Bot API requests repeated after waiting out a 429, by method.");

    internal static readonly Counter<long> BotMessagesSent =
        Meter.CreateCounter<long>("cluster.telegram.bot.messages.sent", "{message}", "Messages the bot client sent, copied, forwarded or edited, by method.");

    internal static readonly Counter<long> BotSendsRefused =
        Meter.CreateCounter<long>("cluster.telegram.bot.limiter.refusals", "{request}", "Sends refused before reaching Telegram because flood control paused their chat, by method.");

    /// <summary>Account adapter requests, tagged "adapter" (tdlib, simulator), "operation" and "outcome" (ok, flood_wait, error).</summary>
    internal static readonly Counter<long> AccountRequests =
        Meter.CreateCounter<long>("cluster.telegram.account.requests", "{request}", "Requests of the account adapters, by adapter, operation and outcome (ok, flood_wait, error).");

    internal static readonly Histogram<double> AccountRequestDuration =
        Meter.CreateHistogram<double>("cluster.telegram.account.request.duration", "ms", "Time an account adapter request took, by adapter and operation.");

    internal static readonly Counter<long> AccountFloodWaits =
        Meter.CreateCounter<long>("cluster.telegram.account.flood_waits", "{error}", "FLOOD_WAIT answers Telegram gave the account adapters, by adapter.");

    /// <summary>Records one account adapter request and, for a flood wait, the flood wait.</summary>
    internal static void AccountRequest(string adapter, string operation, TimeSpan elapsed, Exception? error)
    {
        var outcome = error switch
        {
            null => "ok",
            Accounts.FloodWaitException => "flood_wait",
            _ => "error",
        };
        AccountRequests.Add(1, new("adapter", adapter), new("operation", operation), new("outcome", outcome));
        AccountRequestDuration.Record(elapsed.TotalMilliseconds, new("adapter", adapter), new("operation", operation));
        if (outcome == "flood_wait") AccountFloodWaits.Add(1, new KeyValuePair<string, object?>("adapter", adapter));
    }

    /// <summary>Records one Bot API request.</summary>
    internal static void BotRequest(string method, TimeSpan elapsed, Exception? error)
    {
        var outcome = error switch
        {
            null => "ok",
            global::Telegram.Bot.Exceptions.ApiRequestException { ErrorCode: 429 } => "too_many_requests",
            _ => "error",
        };
        BotRequests.Add(1, new("method", method), new("outcome", outcome));
        BotRequestDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("method", method));
        if (outcome == "too_many_requests") BotTooManyRequests.Add(1, new KeyValuePair<string, object?>("method", method));
    }
}

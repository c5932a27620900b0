using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.BotApi;

/// <summary>Serves the Bot API at <c>/bot&lt;token&gt;/&lt;method&gt;</c> for GET, form and JSON requests:
/// authenticates the token, applies injected faults, answers, and records every answer.</summary>
internal static class BotApiEndpoints
{
    public static void MapBotApi(this IEndpointRouteBuilder routes)
    {
        routes.Map("/{botSegment:" + BotTokenRouteConstraint.Name + "}/{method}", HandleAsync).ExcludeFromDescription();
        routes.MapGet("/file/{botSegment:" + BotTokenRouteConstraint.Name + "}/{**filePath}", DownloadAsync).ExcludeFromDescription();
    }

    /// <summary>GET /file/bot&lt;token&gt;/&lt;file_path&gt;: the bytes of a file whose path getFile gave out, as Telegram serves
    /// downloads (401 for a bad token, 404 for an unknown path, both as Bot API error envelopes).</summary>
    private static async Task DownloadAsync(HttpContext http, string botSegment, string filePath, SimWorld world, SimCallLog calls)
    {
        var bot = world.FindBotByToken(botSegment[3..]);
        if (bot is null)
        {
            await WriteAsync(http, BotApiReply.Unauthorized()).ConfigureAwait(false);
            return;
        }
        var content = world.ReadFile(filePath);
        if (content is null)
        {
            await Finish(http, calls, bot.UserId, "downloadFile", BotApiReply.NotFound()).ConfigureAwait(false);
            return;
        }
        calls.Record(SimClientKind.Bot, bot.UserId, "downloadFile", 200, null, null);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = content.Length;
        try
        {
            await http.Response.Body.WriteAsync(content, http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static async Task HandleAsync(HttpContext http, string botSegment, string method, SimWorld world, BotApiHandler handler,
        SimFaultInjector faults, SimCallLog calls, ILogger<BotApiHandler> logger)
    {
        var bot = world.FindBotByToken(botSegment[3..]);
        if (bot is null)
        {
            await WriteAsync(http, BotApiReply.Unauthorized()).ConfigureAwait(false);
            return;
        }
        if (!handler.Knows(method))
        {
            var notFound = BotApiReply.NotFound();
            calls.Record(SimClientKind.Bot, bot.UserId, method, notFound.Status, notFound.Error, null);
            await WriteAsync(http, notFound).ConfigureAwait(false);
            return;
        }
        var name = handler.Canonical(method);
        var ct = http.RequestAborted;
        BotApiReply reply;
        try
        {
            var fault = faults.Match(SimClientKind.Bot, bot.UserId, name);
            if (fault is not null)
            {
                SimLog.FaultInjected(logger, fault.Kind.ToString(), "bot", bot.UserId, name);
                switch (fault.Kind)
                {
                    case SimFaultKind.Latency:
                        await Task.Delay(fault.Delay!.Value, world.Time, ct).ConfigureAwait(false);
                        break;
                    case SimFaultKind.FloodWait:
                        var retry = faults.RetryAfterSeconds(fault);
                        await Finish(http, calls, bot.UserId, name, BotApiReply.Fail(429, $"Too Many Requests: retry after {retry}", retry)).ConfigureAwait(false);
                        return;
                    case SimFaultKind.ServerError:
                        var status = fault.StatusCode ?? 500;
                        await Finish(http, calls, bot.UserId, name, BotApiReply.Fail(status, status == 502 ? "Bad Gateway" : "Internal Server Error")).ConfigureAwait(false);
                        return;
                    case SimFaultKind.DropConnection:
                        calls.Record(SimClientKind.Bot, bot.UserId, name, 0, "connection dropped", null);
                        http.Abort();
                        return;
                }
            }
            var args = await BotApiArgs.ReadAsync(http.Request, ct).ConfigureAwait(false);
            reply = await handler.HandleAsync(name, new BotApiCall(bot, args, ct)).ConfigureAwait(false);
            if (fault is { Kind: SimFaultKind.SlowAnswer, Delay: { } hold }) await Task.Delay(hold, world.Time, ct).ConfigureAwait(false);
        }
        catch (SimException e)
        {
            reply = BotApiReply.From(e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            calls.Record(SimClientKind.Bot, bot.UserId, name, 499, "client closed request", null);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SimLog.UnexpectedError(logger, e, name);
            reply = BotApiReply.Fail(500, "Internal Server Error");
        }
        await Finish(http, calls, bot.UserId, name, reply).ConfigureAwait(false);
    }

    private static Task Finish(HttpContext http, SimCallLog calls, long botId, string method, BotApiReply reply)
    {
        calls.Record(SimClientKind.Bot, botId, method, reply.Status, reply.Error, reply.RetryAfter);
        return WriteAsync(http, reply);
    }

    private static async Task WriteAsync(HttpContext http, BotApiReply reply)
    {
        if (http.RequestAborted.IsCancellationRequested) return;
        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = reply.Body.Length;
        try
        {
            await http.Response.Body.WriteAsync(reply.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away; nothing to answer.
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cluster.Telegram.Tests.Bots.Support;

/// <summary>A scripted Bot API server on loopback Kestrel: each test decides what every call answers.</summary>
/// <remarks>Records every call (method, token, body, arrival time) so tests can check what went over the wire.</remarks>
internal sealed class FakeBotApiServer : IAsyncDisposable
{
    public const string Token = "123456:AAH-secret-part_ABCdef";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private FakeBotApiServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public IEnumerable<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method);

    /// <summary>Starts a server whose answers come from <paramref name="respond"/> (method, parsed body, response).</summary>
    public static async Task<FakeBotApiServer> StartAsync(Func<string, JsonElement, HttpResponse, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeBotApiServer? server = null;
        app.MapPost("/bot{token}/{method}", async (HttpContext context) =>
        {
            var method = (string)context.Request.RouteValues["method"]!;
            var token = (string)context.Request.RouteValues["token"]!;
            JsonElement json;
            if (context.Request.HasFormContentType)
            {
                // Telegram.Bot's uploads: multipart, each field a part; files are named 0, 1, ...
                var form = await context.Request.ReadFormAsync();
                var fields = new System.Text.Json.Nodes.JsonObject();
                foreach (var (key, value) in form) fields[key] = value.ToString();
                foreach (var file in form.Files) fields["file:" + file.Name] = file.Length;
                json = JsonDocument.Parse(fields.ToJsonString()).RootElement.Clone();
            }
            else
            {
                // Telegram.Bot posts parameterless methods (getMe) without a body.
                using var reader = new StreamReader(context.Request.Body);
                var text = await reader.ReadToEndAsync();
                using var body = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                json = body.RootElement.Clone();
            }
            server!.Calls.Enqueue(new RecordedCall(method, token, json, context.Request.ContentType, server._clock.Elapsed));
            await respond(method, json, context.Response);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new FakeBotApiServer(app, address);
        return server;
    }

    /// <summary>Answers ok with the given raw JSON result.</summary>
    public static Task Ok(HttpResponse response, string resultJson) =>
        Json(response, 200, $$"""{"ok":true,"result":{{resultJson}}}""");

    /// <summary>Answers an error envelope, optionally with parameters JSON.</summary>
    public static Task Error(HttpResponse response, int code, string description, string? parametersJson = null) =>
        Json(response, code, parametersJson is null
            ? $$"""{"ok":false,"error_code":{{code}},"description":"{{description}}"}"""
            : $$"""{"ok":false,"error_code":{{code}},"description":"{{description}}","parameters":{{parametersJson}}}""");

    public static async Task Json(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body);
    }

    /// <summary>A sent message echoed back, with the chat id and text of the request.</summary>
    public static string MessageFor(JsonElement body, int messageId) =>
        $$"""{"message_id":{{messageId}},"date":1700000000,"chat":{"id":{{body.GetProperty("chat_id").GetRawText()}},"type":"private"},"text":{{(body.TryGetProperty("text", out var t) ? t.GetRawText() : "null")}}}""";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>A stand-in for TDLib behind <see cref="ITdlibTransport"/>: answers requests from handlers by
/// "@type" and pushes updates to the client, in TDLib's order (a state update before the answer that
/// caused it). Lets tests reach states no offline TDLib can: logged in, sending, reading history.</summary>
internal sealed class ScriptedTdlib : ITdlibTransport
{
    public const int Id = 7;

    private readonly Dictionary<string, Func<JsonObject, string>> handlers = new();
    private ITdlibUpdateSink? sink;
    private bool started;

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>The state TDLib reaches after setTdlibParameters (a restored session may be Ready at once).</summary>
    public string StateAfterParameters { get; set; } = "authorizationStateWaitPhoneNumber";

    public ScriptedTdlib()
    {
        On("setNetworkType", _ => Ok);
        On("getOption", _ => """{"@type":"optionValueString","value":"1.8.65"}""");
        On("setTdlibParameters", _ => { PushState(StateAfterParameters); return Ok; });
        On("close", _ =>
        {
            PushState("authorizationStateClosing");
            PushState("authorizationStateClosed");
            return Ok;
        });
    }

    public const string Ok = """{"@type":"ok"}""";

    public static string Error(int code, string message) =>
        new JsonObject { ["@type"] = "error", ["code"] = code, ["message"] = message }.ToJsonString();

    public void On(string type, Func<JsonObject, string> handler) => handlers[type] = handler;

    public IEnumerable<JsonObject> RequestsOf(string type) => Requests.Where(r => (string?)r["@type"] == type);

    public void Push(string json) => sink!.OnUpdate(JsonDocument.Parse(json).RootElement.Clone());

    public void PushState(string state) => Push(TdlibRecordedJson.AuthorizationStateUpdate(state));

    /// <summary>Pushes an update after the current answer has been delivered, as Telegram's confirmations come.</summary>
    public void PushLater(params string[] updates) => _ = Task.Run(async () =>
    {
        await Task.Delay(20);
        foreach (var json in updates)
        {
            Push(json);
        }
    });

    public int CreateClient(ITdlibUpdateSink updateSink)
    {
        sink = updateSink;
        return Id;
    }

    public void RemoveClient(int clientId)
    {
    }

    public Task<JsonElement> SendAsync(int clientId, JsonObject request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Requests.Enqueue(JsonNode.Parse(request.ToJsonString())!.AsObject());
        if (!started)
        {
            started = true;
            PushState("authorizationStateWaitTdlibParameters");
        }
        var type = (string)request["@type"]!;
        var answer = handlers.TryGetValue(type, out var handler) ? handler(request) : Error(400, $"the test scripted no answer to {type}");
        return Task.FromResult(JsonDocument.Parse(answer).RootElement.Clone());
    }

    // ---- JSON builders ----

    public static string Message(long chatId, long tdId, string text = "", string album = "0", string? pendingOrFailed = null, string? content = null, bool outgoing = false) =>
        new JsonObject
        {
            ["@type"] = "message",
            ["id"] = tdId,
            ["sender_id"] = new JsonObject { ["@type"] = "messageSenderUser", ["user_id"] = 42 },
            ["chat_id"] = chatId,
            ["sending_state"] = pendingOrFailed is null ? null : JsonNode.Parse(pendingOrFailed),
            ["is_outgoing"] = outgoing,
            ["date"] = 1700000000,
            ["edit_date"] = 0,
            ["media_album_id"] = album,
            ["content"] = JsonNode.Parse(content ?? TextContent(text)),
        }.ToJsonString();

    public static string TextContent(string text) =>
        new JsonObject { ["@type"] = "messageText", ["text"] = new JsonObject { ["@type"] = "formattedText", ["text"] = text, ["entities"] = new JsonArray() } }.ToJsonString();

    public static string PhotoContent(string caption, string fileId) => new JsonObject
    {
        ["@type"] = "messagePhoto",
        ["photo"] = new JsonObject
        {
            ["@type"] = "photo",
            ["sizes"] = new JsonArray(new JsonObject
            {
                ["@type"] = "photoSize", ["type"] = "y", ["width"] = 10, ["height"] = 10,
                ["photo"] = new JsonObject { ["@type"] = "file", ["id"] = 1, ["remote"] = new JsonObject { ["@type"] = "remoteFile", ["id"] = fileId } },
            }),
        },
        ["caption"] = new JsonObject { ["@type"] = "formattedText", ["text"] = caption, ["entities"] = new JsonArray() },
    }.ToJsonString();

    public const string Pending = """{"@type":"messageSendingStatePending","sending_id":0}""";

    public static string Messages(IEnumerable<string> messages) =>
        "{\"@type\":\"messages\",\"total_count\":0,\"messages\":[" + string.Join(",", messages) + "]}";

    public static string SendSucceeded(string finalMessage, long oldTdId) =>
        "{\"@type\":\"updateMessageSendSucceeded\",\"message\":" + finalMessage + ",\"old_message_id\":" + oldTdId + "}";
}

using System.Text.Json;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Tests.Bots.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>The product's bot client (Telegram.Bot inside <see cref="LimitedBotClient"/>) against a scripted Bot API server:
/// request shapes, how errors arrive (<see cref="ApiRequestException"/>, <see cref="RequestException"/>), 429 handling, secrecy of the token.</summary>
/// <remarks>Each test scripts the answers it needs; nothing here depends on the simulator.</remarks>
public sealed class BotClientTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private Func<string, JsonElement, HttpResponse, Task> _respond = (_, _, r) => FakeBotApiServer.Ok(r, "true");
    private FakeBotApiServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public BotClientTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync((m, b, r) => _respond(m, b, r));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _loggerFactory.Dispose();
    }

    private LimitedBotClient Client(Action<BotClientOptions>? configure = null)
    {
        var options = new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = _server.BaseUrl };
        options.Limits.MinRetryAfter = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
        return BotClients.Create(_http, options, _loggerFactory);
    }

    [Fact]
    public async Task Get_me_posts_to_the_token_path_and_returns_the_user()
    {
        _respond = (_, _, r) => FakeBotApiServer.Ok(r, """{"id":123456,"is_bot":true,"first_name":"Guard","username":"guard_bot"}""");

        var me = await Client().GetMe();

        Assert.Equal("guard_bot", me.Username);
        var call = Assert.Single(_server.Calls);
        Assert.Equal("getMe", call.Method);
        Assert.Equal(FakeBotApiServer.Token, call.Token);
        Assert.Null(call.ContentType); // Telegram.Bot posts a parameterless method without a body
    }

    [Fact]
    public async Task Send_message_posts_snake_case_body_with_parse_mode_and_inline_keyboard()
    {
        _respond = (_, b, r) => FakeBotApiServer.Ok(r, FakeBotApiServer.MessageFor(b, 5));
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithUrl("Join", "https://t.me/c")], [InlineKeyboardButton.WithCallbackData("I joined", "check")]]);

        var message = await Client().SendMessage(42, "<b>hi</b>", ParseMode.Html, replyMarkup: keyboard);

        Assert.Equal(5, message.MessageId);
        var call = Assert.Single(_server.CallsTo("sendMessage"));
        Assert.StartsWith("application/json", call.ContentType);
        var body = call.Body;
        Assert.Equal(42, body.GetProperty("chat_id").GetInt64());
        Assert.Equal("html", body.GetProperty("parse_mode").GetString(), ignoreCase: true); // Telegram reads parse_mode in any case
        Assert.Equal("check", body.GetProperty("reply_markup").GetProperty("inline_keyboard")[1][0].GetProperty("callback_data").GetString());
        Assert.False(body.TryGetProperty("allow_paid_broadcast", out _));
    }

    [Fact]
    public async Task Restrict_sends_permissions_until_date_and_independent_flag_and_a_full_mute_as_an_empty_object()
    {
        var until = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000).UtcDateTime;

        await Client().RestrictChatMember(-100, 7, new ChatPermissions(), useIndependentChatPermissions: true, untilDate: until);

        var body = Assert.Single(_server.CallsTo("restrictChatMember")).Body;
        Assert.Equal(7, body.GetProperty("user_id").GetInt64());
        Assert.Equal(1_800_000_000, body.GetProperty("until_date").GetInt64());
        Assert.True(body.GetProperty("use_independent_chat_permissions").GetBoolean());
        Assert.Equal("{}", body.GetProperty("permissions").GetRawText());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(500)]
    public async Task Error_answers_become_api_request_exceptions_with_code_and_description(int code)
    {
        _respond = (_, _, r) => FakeBotApiServer.Error(r, code, "Some: reason");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().GetChat(-100));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("Some: reason", error.Message);
        Assert.Contains(_logs.Lines, l => l.Contains($"getChat failed with {code}: Some: reason"));
    }

    [Fact]
    public async Task Migrated_group_becomes_chat_migrated_exception_with_the_new_id()
    {
        _respond = (_, _, r) => FakeBotApiServer.Error(r, 400, "Bad Request: group chat was upgraded to a supergroup chat", """{"migrate_to_chat_id":-1001234}""");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().SendMessage(-55, "x"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(-1001234, error.Parameters!.MigrateToChatId);
    }

    [Fact]
    public async Task Html_error_page_becomes_a_transport_exception_with_the_http_status()
    {
        _respond = async (_, _, r) =>
        {
            r.StatusCode = 502;
            r.ContentType = "text/html";
            await r.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
        };

        var error = await Assert.ThrowsAsync<RequestException>(() => Client().GetMe());

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.HttpStatusCode);
        Assert.Contains(_logs.Lines, l => l.Contains("getMe got no usable answer"));
    }

    [Fact]
    public async Task Malformed_json_becomes_a_transport_exception()
    {
        _respond = (_, _, r) => FakeBotApiServer.Json(r, 200, """{"ok":true,"result":{"id":""");

        var error = await Assert.ThrowsAsync<RequestException>(() => Client().GetMe());

        Assert.Equal(System.Net.HttpStatusCode.OK, error.HttpStatusCode);
        Assert.DoesNotContain("timeout", error.Message);
    }

    [Fact]
    public async Task A_result_of_the_wrong_shape_is_a_transport_exception_not_a_crash()
    {
        _respond = (_, _, r) => FakeBotApiServer.Ok(r, "\"not a user\"");

        var error = await Assert.ThrowsAsync<RequestException>(() => Client().GetMe());
        Assert.IsNotType<ApiRequestException>(error);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_gives_a_timeout_exception()
    {
        _respond = async (_, _, r) => await Task.Delay(TimeSpan.FromSeconds(10), r.HttpContext.RequestAborted);

        var error = await Assert.ThrowsAsync<RequestException>(() =>
            Client(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300)).GetMe());

        Assert.Null(error.HttpStatusCode);
        Assert.Contains("no answer within the request timeout of 0.3 s", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transport_exception()
    {
        var client = BotClients.Create(_http, new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = "http://127.0.0.1:1" });

        var error = await Assert.ThrowsAsync<RequestException>(() => client.GetMe());

        Assert.Contains("HttpRequestException", error.Message);
    }

    [Fact]
    public async Task The_token_never_appears_in_exception_messages_or_logs()
    {
        var errors = new List<Exception>();
        var answers = new Func<HttpResponse, Task>[]
        {
            r => FakeBotApiServer.Error(r, 401, "Unauthorized"),
            r => FakeBotApiServer.Error(r, 404, "Not Found: /bot" + FakeBotApiServer.Token + "/getMe"),
            async r => { r.StatusCode = 500; r.ContentType = "text/html"; await r.WriteAsync("<p>error at /bot" + FakeBotApiServer.Token + "/getMe</p>"); },
            r => FakeBotApiServer.Json(r, 200, "{ broken " + FakeBotApiServer.Token),
        };
        foreach (var answer in answers)
        {
            _respond = (_, _, r) => answer(r);
            errors.Add(await Assert.ThrowsAnyAsync<RequestException>(() => Client().GetMe()));
        }
        errors.Add(await Assert.ThrowsAnyAsync<RequestException>(() =>
            BotClients.Create(_http, new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = "http://127.0.0.1:1" }, _loggerFactory).GetMe()));

        var secret = FakeBotApiServer.Token.Split(':')[1];
        Assert.All(errors, e => Assert.DoesNotContain(secret, e.ToString()));
        Assert.NotEmpty(_logs.Lines);
        Assert.All(_logs.Lines, l => Assert.DoesNotContain(secret, l));
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_send_retried_not_dropped()
    {
        var calls = 0;
        _respond = (_, b, r) => Interlocked.Increment(ref calls) == 1
            ? FakeBotApiServer.Error(r, 429, "Too Many Requests: retry after 1", """{"retry_after":1}""")
            : FakeBotApiServer.Ok(r, FakeBotApiServer.MessageFor(b, 9));
        var client = Client();

        var message = await client.SendMessage(77, "once");

        Assert.Equal(9, message.MessageId);
        Assert.Equal(2, _server.CallsTo("sendMessage").Count());
        Assert.Equal(1, client.Counters.TooManyRequests);
        Assert.Equal(1, client.Counters.Retries);
        Assert.Contains(_logs.Lines, l => l.Contains("got 429, waiting 1000 ms before retry 1"));
    }

    [Fact]
    public async Task Retry_after_in_the_description_only_is_understood()
    {
        _respond = (_, _, r) => FakeBotApiServer.Error(r, 429, "Too Many Requests: retry after 7200");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client().SendMessage(1, "x"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(TimeSpan.FromHours(2), LimitedBotClient.RetryAfter(error));
    }

    [Fact]
    public async Task A_retry_after_of_zero_waits_the_configured_minimum_with_a_logged_reason()
    {
        var calls = 0;
        _respond = (_, b, r) => Interlocked.Increment(ref calls) == 1
            ? FakeBotApiServer.Error(r, 429, "Too Many Requests", """{"retry_after":0}""")
            : FakeBotApiServer.Ok(r, FakeBotApiServer.MessageFor(b, 1));

        await Client().SendMessage(5, "x");

        Assert.Equal(2, _server.CallsTo("sendMessage").Count());
        Assert.Contains(_logs.Lines, l => l.Contains("retry_after 0 ms; waiting the configured minimum 50 ms"));
    }

    [Fact]
    public async Task A_retry_after_of_hours_is_surfaced_at_once_and_pauses_only_that_chat()
    {
        _respond = (_, b, r) => b.GetProperty("chat_id").GetInt64() == 1
            ? FakeBotApiServer.Error(r, 429, "Too Many Requests", """{"retry_after":7200}""")
            : FakeBotApiServer.Ok(r, FakeBotApiServer.MessageFor(b, 3));
        var client = Client();

        var first = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(1, "a"));
        var second = await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(1, "b"));
        var other = await client.SendMessage(2, "c");

        Assert.Equal(7200, first.Parameters!.RetryAfter);
        Assert.Equal(429, second.ErrorCode);
        Assert.True(second.Parameters!.RetryAfter > 1.9 * 3600);
        Assert.Contains("not sent", second.Message);
        Assert.Equal(1, client.Counters.Refusals);
        Assert.Single(_server.Calls, c => c.Body.GetProperty("chat_id").GetInt64() == 1);
        Assert.Equal(3, other.MessageId);
        Assert.Contains(_logs.Lines, l => l.Contains("above the 60000 ms the client waits itself"));
    }

    [Fact]
    public async Task Retries_after_429_are_bounded()
    {
        _respond = (_, _, r) => FakeBotApiServer.Error(r, 429, "Too Many Requests", """{"retry_after":0}""");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Client(o => o.Limits.MaxRetriesOn429 = 2).SendMessage(1, "x"));

        Assert.Equal(429, error.ErrorCode);

        Assert.Equal(3, _server.Calls.Count);
        Assert.Contains(_logs.Lines, l => l.Contains("still got 429 after 2 retries"));
    }

    [Fact]
    public async Task Non_sending_methods_also_wait_out_a_short_429()
    {
        var calls = 0;
        _respond = (_, _, r) => Interlocked.Increment(ref calls) == 1
            ? FakeBotApiServer.Error(r, 429, "Too Many Requests", """{"retry_after":0}""")
            : FakeBotApiServer.Ok(r, """{"status":"member","user":{"id":7,"is_bot":false,"first_name":"U"}}""");

        var member = await Client().GetChatMember(-100, 7);

        Assert.Equal(ChatMemberStatus.Member, member.Status);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Paid_broadcast_rate_marks_sends_as_paid_broadcasts()
    {
        _respond = (_, b, r) => FakeBotApiServer.Ok(r, FakeBotApiServer.MessageFor(b, 1));

        await Client(o => o.Limits.PaidBroadcastMessagesPerSecond = 1000).SendMessage(1, "x");

        Assert.True(Assert.Single(_server.Calls).Body.GetProperty("allow_paid_broadcast").GetBoolean());
    }

    [Fact]
    public async Task Media_group_sends_items_by_file_id_or_url_and_returns_every_message()
    {
        _respond = (_, b, r) => FakeBotApiServer.Ok(r, $"[{FakeBotApiServer.MessageFor(b, 1)},{FakeBotApiServer.MessageFor(b, 2)}]");

        var messages = await Client().SendMediaGroup(-100,
            [new InputMediaPhoto(InputFile.FromFileId("AgACfile")), new InputMediaVideo(InputFile.FromUri("https://example.org/v.mp4")) { Caption = "c" }]);

        Assert.Equal(2, messages.Length);
        var media = Assert.Single(_server.Calls).Body.GetProperty("media");
        Assert.Equal("photo", media[0].GetProperty("type").GetString());
        Assert.Equal("https://example.org/v.mp4", media[1].GetProperty("media").GetString());
    }

    [Fact]
    public void Options_refuse_a_bad_base_url_and_token_naming_the_setting_but_not_the_token()
    {
        var badUrl = Assert.Throws<ArgumentException>(() => BotClients.Create(_http, new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = "ftp://x" }));
        var badToken = Assert.Throws<ArgumentException>(() => BotClients.Create(_http, new BotClientOptions { Token = "nocolon-secret" }));

        Assert.Contains("BaseUrl", badUrl.Message);
        Assert.Contains("Token", badToken.Message);
        Assert.DoesNotContain("nocolon-secret", badToken.Message);
    }
}

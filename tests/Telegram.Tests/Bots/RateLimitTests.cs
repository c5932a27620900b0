using System.Text.Json;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Tests.Bots.Support;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>Outgoing limits are enforced before sending, whatever Telegram.Bot method is called on the limited client: per chat,
/// per bot, in order.</summary>
/// <remarks>Asserts what the server saw (how many sends fell in any window, their order), never how fast it went.</remarks>
public sealed class RateLimitTests : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private int _nextId;

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync(Respond);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private Task Respond(string method, JsonElement body, HttpResponse response)
    {
        var message = FakeBotApiServer.MessageFor(body, Interlocked.Increment(ref _nextId));
        return FakeBotApiServer.Ok(response, method == "sendMediaGroup" ? $"[{message}]" : message);
    }

    private LimitedBotClient Client(Action<BotClientOptions> configure)
    {
        var options = new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = _server.BaseUrl };
        options.Limits.WindowMargin = TimeSpan.FromMilliseconds(20);
        configure(options);
        return BotClients.Create(_http, options);
    }

    private static int MostInAnyWindow(IEnumerable<TimeSpan> arrivals, TimeSpan window)
    {
        var times = arrivals.Order().ToArray();
        var most = 0;
        for (int start = 0, end = 0; end < times.Length; end++)
        {
            while (times[end] - times[start] >= window)
                start++;
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    [Fact]
    public async Task Sends_to_one_private_chat_never_exceed_one_per_second()
    {
        var client = Client(_ => { });

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.SendMessage(501, $"m{i}")));

        Assert.Equal(1, MostInAnyWindow(_server.Calls.Select(c => c.At), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Bot_wide_rate_holds_across_many_chats()
    {
        var client = Client(o => o.Limits.MessagesPerSecond = 20);

        await Task.WhenAll(Enumerable.Range(1, 30).Select(chat => client.SendMessage(chat, "hello")));

        Assert.Equal(30, _server.Calls.Count);
        Assert.True(MostInAnyWindow(_server.Calls.Select(c => c.At), TimeSpan.FromSeconds(1)) <= 20);
    }

    [Fact]
    public async Task A_group_may_get_a_burst_up_to_its_per_minute_limit_in_call_order()
    {
        var client = Client(o => o.Limits.MessagesPerSecond = 1000);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => client.SendMessage(-100200, $"{i}")));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}"), _server.Calls.Select(c => c.Body.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Group_sends_beyond_the_per_minute_limit_wait_and_other_chats_are_not_held_up()
    {
        var client = Client(o => { o.Limits.GroupMessagesPerMinute = 2; o.Limits.MessagesPerSecond = 1000; });
        using var cancel = new CancellationTokenSource();

        await client.SendMessage(-1, "first");
        await client.SendMessage(-1, "second");
        var third = client.SendMessage(-1, "third", cancellationToken: cancel.Token);
        await client.SendMessage(-2, "other group");

        Assert.False(third.IsCompleted);
        Assert.Equal(3, _server.Calls.Count);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        Assert.DoesNotContain(_server.Calls, c => c.Body.GetProperty("text").GetString() == "third");
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_let_the_next_one_overtake_the_send_ahead()
    {
        var client = Client(o => o.Limits.MessagesPerSecond = 1000);
        using var cancel = new CancellationTokenSource();

        var first = client.SendMessage(9, "a");
        var second = client.SendMessage(9, "b");
        var cancelled = client.SendMessage(9, "c", cancellationToken: cancel.Token);
        var fourth = client.SendMessage(9, "d");
        cancel.Cancel();
        await Task.WhenAll(first, second, fourth);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["a", "b", "d"], _server.Calls.Select(c => c.Body.GetProperty("text").GetString()));
        Assert.Equal(1, MostInAnyWindow(_server.Calls.Select(c => c.At), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Uploads_from_streams_pass_the_limiter_like_any_send()
    {
        var client = Client(_ => { });

        await Task.WhenAll(Enumerable.Range(0, 2).Select(i => client.SendPhoto(502, InputFile.FromStream(new MemoryStream(new byte[100]), $"p{i}.jpg"))));

        Assert.Equal(2, _server.CallsTo("sendPhoto").Count());
        Assert.All(_server.Calls, c => Assert.StartsWith("multipart/form-data", c.ContentType));
        Assert.Equal(1, MostInAnyWindow(_server.Calls.Select(c => c.At), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Limits_can_be_turned_off()
    {
        var client = Client(o => o.Limits.Enabled = false);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.SendMessage(77, $"{i}")));

        Assert.Null(client.Limiter);
        Assert.Equal(5, _server.Calls.Count);
    }

    [Fact]
    public async Task An_album_counts_each_item_toward_the_bot_wide_rate()
    {
        var client = Client(o => o.Limits.MessagesPerSecond = 4);
        Task<Message[]> Album(long chat) => client.SendMediaGroup(chat,
            [new InputMediaPhoto(InputFile.FromFileId("a")), new InputMediaPhoto(InputFile.FromFileId("b")), new InputMediaPhoto(InputFile.FromFileId("c"))]);

        await Task.WhenAll(Album(-1), Album(-2));

        var arrivals = _server.Calls.Select(c => c.At).Order().ToArray();
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(5),
            $"the second album of 3 arrived {arrivals[1] - arrivals[0]} after the first; 6 messages do not fit in one second at 4/s");
    }
}

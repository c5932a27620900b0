using System.Text.Json;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Intake;
using Cluster.Telegram.Tests.Bots.Support;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Microsoft.AspNetCore.Http;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>Long polling hands every update to the handler exactly once, in order, across restarts and errors.</summary>
/// <remarks>The scripted server forgets updates only when asked for a higher offset, as Telegram does.</remarks>
public sealed class LongPollerTests : IAsyncLifetime
{
    private readonly object _gate = new();
    private readonly List<long> _pending = [];
    private int _conflictsLeft;
    private bool _unauthorized;
    private FakeBotApiServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync(Respond);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private void Enqueue(IEnumerable<int> ids)
    {
        lock (_gate)
            _pending.AddRange(ids.Select(i => (long)i));
    }

    private async Task Respond(string method, JsonElement body, HttpResponse response)
    {
        if (_unauthorized)
        {
            await FakeBotApiServer.Error(response, 401, "Unauthorized");
            return;
        }
        if (Interlocked.Decrement(ref _conflictsLeft) >= 0)
        {
            await FakeBotApiServer.Error(response, 409, "Conflict: terminated by other getUpdates request");
            return;
        }
        long[] batch;
        lock (_gate)
        {
            if (body.TryGetProperty("offset", out var offset))
                _pending.RemoveAll(id => id < offset.GetInt64());
            batch = _pending.Take(body.GetProperty("limit").GetInt32()).ToArray();
        }
        if (batch.Length == 0)
            await Task.Delay(50);
        var updates = string.Join(',', batch.Select(id =>
            $$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"date":1,"chat":{"id":1,"type":"private"},"text":"u{{{id}}}"}}"""));
        await FakeBotApiServer.Ok(response, $"[{updates}]");
    }

    private LongPoller Poller(IUpdateOffsetStore store, Action<LongPollerOptions>? configure = null)
    {
        var options = new LongPollerOptions
        {
            PollTimeout = TimeSpan.FromSeconds(1), Limit = 3,
            ErrorDelay = TimeSpan.FromMilliseconds(20), ConflictDelay = TimeSpan.FromMilliseconds(20),
        };
        configure?.Invoke(options);
        var client = BotClients.Create(_http, new BotClientOptions { Token = FakeBotApiServer.Token, BaseUrl = _server.BaseUrl });
        return new LongPoller(client, store, options);
    }

    private static async Task RunUntil(LongPoller poller, List<long> handled, int count, Func<Update, Task>? inner = null)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await poller.RunAsync(async (update, _) =>
        {
            if (inner is not null)
                await inner(update);
            handled.Add(update.Id);
            if (handled.Count == count)
                stop.Cancel();
        }, stop.Token);
    }

    [Fact]
    public async Task Each_update_is_handled_exactly_once_across_a_restart()
    {
        Enqueue(Enumerable.Range(1, 10));
        var store = new InMemoryUpdateOffsetStore();
        var handled = new List<long>();

        await RunUntil(Poller(store), handled, 4);
        Assert.Equal(5, store.Offset);
        Enqueue(Enumerable.Range(11, 2));
        await RunUntil(Poller(store), handled, 12);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), handled);
        var polls = _server.CallsTo("getUpdates").ToList();
        Assert.False(polls[0].Body.TryGetProperty("offset", out _));
        Assert.Contains("chat_member", polls[0].Body.GetProperty("allowed_updates").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(polls, p => p.Body.TryGetProperty("offset", out var o) && o.GetInt64() == 5);
    }

    [Fact]
    public async Task A_failing_handler_gets_the_update_again_and_later_updates_wait_for_it()
    {
        Enqueue(Enumerable.Range(1, 5));
        var failedOnce = false;
        var handled = new List<long>();

        await RunUntil(Poller(new InMemoryUpdateOffsetStore()), handled, 5, update =>
        {
            if (update.Id == 3 && !failedOnce)
            {
                failedOnce = true;
                throw new InvalidOperationException("transient");
            }
            return Task.CompletedTask;
        });

        Assert.True(failedOnce);
        Assert.Equal([1L, 2, 3, 4, 5], handled);
    }

    [Fact]
    public async Task An_update_whose_handler_always_fails_is_skipped_after_the_configured_attempts()
    {
        Enqueue(Enumerable.Range(1, 3));
        var attemptsOn2 = 0;
        var handled = new List<long>();

        await RunUntil(Poller(new InMemoryUpdateOffsetStore(), o => o.HandlerAttempts = 2), handled, 2, update =>
        {
            if (update.Id == 2)
            {
                attemptsOn2++;
                throw new InvalidOperationException("poison");
            }
            return Task.CompletedTask;
        });

        Assert.Equal(2, attemptsOn2);
        Assert.Equal([1L, 3], handled);
    }

    [Fact]
    public async Task Conflicts_are_waited_out_and_polling_goes_on()
    {
        _conflictsLeft = 2;
        Enqueue(Enumerable.Range(1, 2));
        var handled = new List<long>();

        await RunUntil(Poller(new InMemoryUpdateOffsetStore()), handled, 2);

        Assert.Equal([1L, 2], handled);
        Assert.True(_server.CallsTo("getUpdates").Count() >= 3);
    }

    [Fact]
    public async Task A_refused_token_stops_polling_with_unauthorized()
    {
        _unauthorized = true;

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Poller(new InMemoryUpdateOffsetStore()).RunAsync((_, _) => Task.CompletedTask, CancellationToken.None));
        Assert.Equal(401, refused.ErrorCode);
    }
}

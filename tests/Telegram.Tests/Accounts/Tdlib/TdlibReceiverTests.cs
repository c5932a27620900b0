using System.Collections.Concurrent;
using System.Text.Json;
using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>The single receive loop against the real libtdjson, with TDLib clients that never reach the
/// network (they are closed before any parameters are given).</summary>
[Trait("Category", "Tdlib")]
public sealed class TdlibReceiverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private sealed class RecordingSink : ITdlibUpdateSink
    {
        public ConcurrentQueue<(string State, int ClientId, int ThreadId)> States { get; } = new();
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnUpdate(JsonElement update)
        {
            if (TdlibJsonMapper.TypeOf(update) != "updateAuthorizationState")
            {
                return;
            }
            var state = TdlibJsonMapper.AuthorizationStateType(update);
            States.Enqueue((state, update.GetProperty("@client_id").GetInt32(), Environment.CurrentManagedThreadId));
            if (state == "authorizationStateClosed")
            {
                Closed.TrySetResult();
            }
        }
    }

    [Fact]
    public void The_receiver_is_one_per_process()
    {
        Assert.Same(TdlibReceiver.GetShared(null, 1), TdlibReceiver.GetShared(null, 1));
    }

    [Fact]
    public async Task A_client_answers_by_extra_and_its_close_is_observed_through_the_receive_loop()
    {
        var receiver = TdlibReceiver.GetShared(null, 1);
        var sink = new RecordingSink();
        var id = receiver.CreateClient(sink);

        var version = await receiver.SendAsync(id, TdlibRequests.GetOption("version"), Timeout, CancellationToken.None);
        var closed = await receiver.SendAsync(id, TdlibRequests.Close(), Timeout, CancellationToken.None);
        await sink.Closed.Task.WaitAsync(Timeout);
        receiver.RemoveClient(id);

        Assert.Equal("1.8.65", version.GetProperty("value").GetString());
        Assert.Equal("ok", TdlibJsonMapper.TypeOf(closed));
        Assert.Equal(
            ["authorizationStateWaitTdlibParameters", "authorizationStateClosing", "authorizationStateClosed"],
            sink.States.Select(s => s.State));
    }

    [Fact]
    public async Task Several_clients_at_once_get_only_their_own_updates_all_from_the_one_receive_thread()
    {
        var receiver = TdlibReceiver.GetShared(null, 1);
        var sinks = Enumerable.Range(0, 4).Select(_ => new RecordingSink()).ToList();
        var ids = sinks.Select(receiver.CreateClient).ToList();

        await Task.WhenAll(ids.Select(id => receiver.SendAsync(id, TdlibRequests.GetOption("version"), Timeout, CancellationToken.None)));
        await Task.WhenAll(ids.Select(id => receiver.SendAsync(id, TdlibRequests.Close(), Timeout, CancellationToken.None)));
        await Task.WhenAll(sinks.Select(s => s.Closed.Task)).WaitAsync(Timeout);
        ids.ForEach(receiver.RemoveClient);

        Assert.Equal(4, ids.Distinct().Count());
        for (var i = 0; i < sinks.Count; i++)
        {
            Assert.All(sinks[i].States, s => Assert.Equal(ids[i], s.ClientId));
            Assert.Equal("authorizationStateClosed", sinks[i].States.Last().State);
        }
        Assert.Equal([receiver.ReceiveThreadId], sinks.SelectMany(s => s.States).Select(s => s.ThreadId).Distinct());
    }

    [Fact]
    public async Task An_error_answer_is_returned_to_the_caller_not_thrown_by_the_loop()
    {
        var receiver = TdlibReceiver.GetShared(null, 1);
        var sink = new RecordingSink();
        var id = receiver.CreateClient(sink);

        // Before setTdlibParameters TDLib refuses ordinary requests.
        var answer = await receiver.SendAsync(id, TdlibRequests.GetChat(1), Timeout, CancellationToken.None);
        await receiver.SendAsync(id, TdlibRequests.Close(), Timeout, CancellationToken.None);
        await sink.Closed.Task.WaitAsync(Timeout);
        receiver.RemoveClient(id);

        Assert.True(TdlibJsonMapper.IsError(answer));
    }
}

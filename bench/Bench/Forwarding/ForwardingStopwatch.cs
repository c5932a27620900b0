using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cluster.Bench.Forwarding;

/// <summary>Timestamps of the forwarding benchmark, per source message (chat id, message id): when the benchmark posted
/// it, when the account grain took the update from its client, and when Telegram (the simulator) acknowledged the send
/// made from it. Filled by <see cref="TimedAccountClient"/>, so the pipeline is measured from outside, without polling.</summary>
public sealed class ForwardingStopwatch
{
    private readonly ConcurrentDictionary<(long ChatId, long MessageId), long> _posted = new();
    private readonly ConcurrentDictionary<(long ChatId, long MessageId), long> _arrived = new();
    private readonly ConcurrentDictionary<(long ChatId, long MessageId), long> _acknowledged = new();
    private readonly ConcurrentDictionary<(long ChatId, long MessageId), TaskCompletionSource> _waiters = new();
    private long _sends;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sends acknowledged so far (each forward of a message or album counts once).</summary>
    public long Sends => Interlocked.Read(ref _sends);

    public void Posted(long chatId, long messageId, long timestamp) => _posted[(chatId, messageId)] = timestamp;

    public void Arrived(long chatId, long messageId) => _arrived.TryAdd((chatId, messageId), Stopwatch.GetTimestamp());

    public void Acknowledged(long fromChatId, long firstMessageId)
    {
        _acknowledged.TryAdd((fromChatId, firstMessageId), Stopwatch.GetTimestamp());
        if (_waiters.TryRemove((fromChatId, firstMessageId), out var waiter)) waiter.TrySetResult();
        if (Interlocked.Increment(ref _sends) >= Interlocked.Read(ref _target)) _reached.TrySetResult();
    }

    /// <summary>Completes when the send made from this source message is acknowledged (register before posting).</summary>
    public Task WhenAcknowledged(long chatId, long messageId)
    {
        var waiter = _waiters.GetOrAdd((chatId, messageId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_acknowledged.ContainsKey((chatId, messageId))) waiter.TrySetResult();
        return waiter.Task;
    }

    /// <summary>Completes when <paramref name="count"/> sends in total have been acknowledged.</summary>
    public Task WhenSends(long count)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, count);
        if (Sends >= count) _reached.TrySetResult();
        return _reached.Task;
    }

    /// <summary>Milliseconds from the update's arrival at the account grain to the acknowledged send; null when unknown.</summary>
    public double? ArrivalToAcknowledgedMs(long chatId, long messageId)
        => _arrived.TryGetValue((chatId, messageId), out var from) && _acknowledged.TryGetValue((chatId, messageId), out var to)
            ? Stopwatch.GetElapsedTime(from, to).TotalMilliseconds : null;

    /// <summary>Milliseconds from posting in the source to the acknowledged send; null when unknown.</summary>
    public double? PostedToAcknowledgedMs(long chatId, long messageId)
        => _posted.TryGetValue((chatId, messageId), out var from) && _acknowledged.TryGetValue((chatId, messageId), out var to)
            ? Stopwatch.GetElapsedTime(from, to).TotalMilliseconds : null;
}

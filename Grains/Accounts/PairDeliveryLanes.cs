using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Accounts;

/// <summary>The account pump's deliveries to its pairs, one lane per pair, run outside the account's turns. A pair busy
/// with a long turn (a queue of sends) then delays only its own deliveries, not those of the account's other pairs, and
/// the pump keeps reading Telegram's updates. Within a lane updates keep their order; new messages of one chat that
/// waited behind a busy pair go together in one call (at most <c>maxBatch</c> messages). A lane with nothing to do
/// holds no task and no entry. <c>stopping</c> says the silo is shutting down: the pairs are being handed over, so no
/// more new messages are delivered to them (the pairs' next activations catch them up from history). Edits and deletions
/// are still delivered, after a shutdown began and after the account stopped its pump too: unlike a new message they
/// cannot be caught up from history, and the session stored at the account's deactivation resumes after the updates its
/// pump took in, so one dropped here would be lost for good. An edit or deletion a pair cannot be reached for (its silo
/// died, it is being re-activated or handed over) is tried again for <c>retryWindow</c>; pairs take repeats of both
/// without harm.</summary>
public sealed class PairDeliveryLanes(Func<string, IChannelPairGrain> pairs, Action<string, Exception> failed, Func<bool> stopping, int maxBatch,
    TimeSpan retryWindow = default, Action<string, int, Exception>? retrying = null)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Queue<PairDelivery>> _lanes = [];

    /// <summary>Queues a delivery for a pair; starts its lane when idle. New messages are dropped once
    /// <paramref name="cancellationToken"/> is cancelled (the pair catches up from history, as after any failed delivery);
    /// edits and deletions are delivered all the same.</summary>
    public void Post(string pairId, PairDelivery delivery, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_lanes.TryGetValue(pairId, out var waiting))
            {
                waiting.Enqueue(delivery);
                return;
            }
            var lane = new Queue<PairDelivery>();
            lane.Enqueue(delivery);
            _lanes[pairId] = lane;
        }
        _ = Task.Run(() => RunAsync(pairId, cancellationToken), CancellationToken.None);
    }

    /// <summary>How many deliveries wait in all lanes (diagnostics and tests).</summary>
    public int Pending
    {
        get
        {
            lock (_sync) return _lanes.Values.Sum(q => q.Count);
        }
    }

    private async Task RunAsync(string pairId, CancellationToken cancellationToken)
    {
        var pair = pairs(pairId);
        while (TakeNext(pairId) is { } delivery)
        {
            // New messages are dropped without calling once the pump stopped or the silo is stopping (history has them);
            // an edit or deletion is not in the history: it is delivered, to the pair's next activation if need be.
            if (delivery.Kind == PairDeliveryKind.NewMessages && (cancellationToken.IsCancellationRequested || stopping())) continue;
            var started = Environment.TickCount64;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await (delivery.Kind switch
                    {
                        PairDeliveryKind.NewMessages => pair.DeliverNewMessagesAsync(delivery.Messages),
                        PairDeliveryKind.Edited => pair.DeliverEditedMessageAsync(delivery.Messages[0]),
                        _ => pair.DeliverDeletedMessagesAsync(delivery.ChatId, delivery.DeletedIds),
                    }).ConfigureAwait(false);
                    break;
                }
                catch (Exception e) when (delivery.Kind != PairDeliveryKind.NewMessages && IsUnreachable(e)
                                          && Environment.TickCount64 - started < (long)retryWindow.TotalMilliseconds)
                {
                    retrying?.Invoke(pairId, attempt, e);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * attempt, 2000)), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    failed(pairId, e);
                    break;
                }
            }
        }
    }

    /// <summary>The call did not reach a running pair (no silo, a dead silo, a timeout), as opposed to the pair refusing it.</summary>
    private static bool IsUnreachable(Exception e)
        => GrainCallFailure.IsUnreachable(e);

    /// <summary>The lane's next delivery, with the new messages of the same chat queued right behind it joined in; null
    /// (and the lane removed, under the same lock as <see cref="Post"/>) when the lane is empty.</summary>
    private PairDelivery? TakeNext(string pairId)
    {
        lock (_sync)
        {
            var lane = _lanes[pairId];
            if (lane.Count == 0)
            {
                _lanes.Remove(pairId);
                return null;
            }
            var next = lane.Dequeue();
            if (next.Kind != PairDeliveryKind.NewMessages || lane.Count == 0) return next;
            List<SourceMessage>? joined = null;
            while (lane.TryPeek(out var after) && after.Kind == PairDeliveryKind.NewMessages && after.ChatId == next.ChatId
                   && (joined?.Count ?? next.Messages.Count) + after.Messages.Count <= maxBatch)
            {
                joined ??= [.. next.Messages];
                joined.AddRange(lane.Dequeue().Messages);
            }
            return joined is null ? next : next with { Messages = joined };
        }
    }
}

using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Placement;

/// <summary>Resource-aware placements waiting for room, first in first out per resource. A poller re-tries the
/// head of each queue every poll interval (the membership view refreshes with each heartbeat).</summary>
internal sealed class OverflowQueue(Func<GrainTypeInfo, SiloSummary?> tryPlace, TimeSpan pollInterval, TimeProvider time, Action<Exception> onError) : IDisposable
{
    private sealed record Waiter(GrainTypeInfo GrainType, TaskCompletionSource<SiloSummary> Completion);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedList<Waiter>> _queues = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private Task? _poller;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool HasWaiters(string resource)
    {
        lock (_gate) return _queues.TryGetValue(resource, out var queue) && queue.Count > 0;
    }

    public async Task<SiloSummary> WaitAsync(GrainTypeInfo grainType, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(grainType, new TaskCompletionSource<SiloSummary>(TaskCreationOptions.RunContinuationsAsynchronously));
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (!_queues.TryGetValue(grainType.Resource!, out var queue)) _queues[grainType.Resource!] = queue = new LinkedList<Waiter>();
            node = queue.AddLast(waiter);
            _count++;
            _poller ??= Task.Run(PollAsync);
        }
        await using var registration = cancellationToken.Register(() =>
        {
        lock (_gate)
            {
                if (node.List is null) return;
                node.List.Remove(node);
                _count--;
            }
            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        return await waiter.Completion.Task;
    }

    private async Task PollAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            try { await Task.Delay(pollInterval, time, _disposed.Token); }
            catch (OperationCanceledException) { return; }
            // A failure must not kill the poller: the waiters would then wait forever.
            try { PlaceWaiters(); }
            catch (Exception ex) { onError(ex); }
            lock (_gate)
            {
                if (_count == 0)
                {
                    _poller = null;
                    return;
                }
            }
        }
    }

    private void PlaceWaiters()
    {
        lock (_gate)
        {
            foreach (var queue in _queues.Values)
            {
                while (queue.First is { } head && tryPlace(head.Value.GrainType) is { } silo)
                {
                    queue.RemoveFirst();
                    _count--;
                    head.Value.Completion.TrySetResult(silo);
                }
            }
        }
    }

    public void Dispose()
    {
        // The director is registered twice (as itself and as IPlacementDirector), so this may run twice.
        if (Interlocked.Exchange(ref _disposeCount, 1) == 1) return;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private int _disposeCount;
}

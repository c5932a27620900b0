namespace Cluster.TelegramSim.World;

/// <summary>A broadcast wake-up for long-poll waiters. Take <see cref="WaitTask"/> under the world lock
/// after finding nothing to return, then await it outside the lock: a pulse made under the same lock
/// can never be missed.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitTask => Volatile.Read(ref _tcs).Task;

    public void Pulse()
    {
        var old = Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        old.TrySetResult();
    }
}

using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Timers;

/// <summary>An activation's in-memory timer. Each tick is a turn of the activation (queued behind calls unless it
/// interleaves); the next tick is armed only after the callback finished, so ticks never pile up.</summary>
internal sealed class GrainTimer : WorkItem, IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly bool _interleave;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Timer _timer;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, bool interleave)
    {
        _activation = activation;
        _callback = callback;
        _interleave = interleave;
        _timer = new Timer(static state => ((GrainTimer)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public override bool Interleave => _interleave;

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_stopped.IsCancellationRequested) return;
        _period = period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period;
        _timer.Change(dueTime < TimeSpan.Zero ? Timeout.InfiniteTimeSpan : dueTime, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        if (!_stopped.IsCancellationRequested) _activation.Schedule(this);
    }

    public override async Task RunAsync(ActivationData activation)
    {
        try
        {
            await _callback(_stopped.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!_stopped.IsCancellationRequested)
        {
            activation.Catalog.Log.TimerFailed(e, activation.GrainId.ToString());
        }
        catch (OperationCanceledException)
        {
        }
        if (!_stopped.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
        {
            try { _timer.Change(_period, Timeout.InfiniteTimeSpan); }
            catch (ObjectDisposedException) { }
        }
    }

    public override void Fail(Exception exception) { }

    /// <summary>Stops the timer (deactivation).</summary>
    internal void Stop()
    {
        if (_stopped.IsCancellationRequested) return;
        _stopped.Cancel();
        _timer.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }
}

using System.Collections.Concurrent;

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>See <see cref="ITurnGrain"/>.</summary>
[GrainType("turn")]
public sealed class TurnGrain : Grain, ITurnGrain
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    private int _running;
    private int _maxRunning;
    private int _ticks;
    private string _status = "idle";

    public async Task<int> WorkAsync(int milliseconds)
    {
        Enter();
        try
        {
            await Task.Delay(milliseconds);
            return _maxRunning;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task<string> WaitForGateAsync()
    {
        _status = "waiting";
        var gate = Gates.GetOrAdd(GetPrimaryKeyString(), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await gate.Task.WaitAsync(TimeSpan.FromSeconds(20));
        _status = "done";
        return "opened";
    }

    public Task<string> StatusAsync() => Task.FromResult(_status);

    public ValueTask StartTimerAsync(int periodMs)
    {
        RegisterGrainTimer(async _ =>
        {
            Enter();
            try
            {
                await Task.Delay(5);
                _ticks++;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> TicksAsync() => ValueTask.FromResult(_ticks);

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(_maxRunning);

    private void Enter()
    {
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = _maxRunning) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max) { }
    }
}

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>Records how its calls and timer ticks overlap: turn-based execution and interleaving tests.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="milliseconds"/>, yielding in between; returns how many turns ran at once.</summary>
    Task<int> WorkAsync(int milliseconds);

    /// <summary>Waits until the test opens the gate named by the grain key.</summary>
    Task<string> WaitForGateAsync();

    [AlwaysInterleave]
    Task<string> StatusAsync();

    /// <summary>Starts a timer ticking every <paramref name="periodMs"/>; each tick also works for a while.</summary>
    ValueTask StartTimerAsync(int periodMs);

    ValueTask<int> TicksAsync();

    /// <summary>Most turns (calls and ticks) seen running at once.</summary>
    Task<int> MaxConcurrencyAsync();
}

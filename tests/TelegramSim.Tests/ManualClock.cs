namespace Cluster.TelegramSim.Tests;

/// <summary>A clock that stands still until moved, so limit tests do not depend on how fast the machine is.
/// Timers still run on real time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

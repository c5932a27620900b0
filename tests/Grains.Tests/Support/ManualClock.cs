namespace Cluster.Grains.Tests.Support;

/// <summary>A TimeProvider that only moves when a test says so, so time-based logic is deterministic.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}

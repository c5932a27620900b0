namespace Cluster.Hosting.Keeping;

/// <summary>Timings of the always-on keeper; bound from <c>Cluster:AlwaysOn</c>.</summary>
public sealed class AlwaysOnKeeperOptions
{
    public const string SectionName = "Cluster:AlwaysOn";

    /// <summary>How often each keeper calls every grain of its range (activating the ones not active, and keeping active
    /// ones from idle collection, whose age is far longer). Default 5 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How soon a keeper calls its grains again after a round in which some did not answer (their silo just died, an
    /// activation failed). Default 1 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a keeper re-reads its range of the registry from the database, to pick up a registration that
    /// was routed to another keeper while the ring was changing. A ring change re-reads at once. Default 1 min.</summary>
    public TimeSpan RangeRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls a keeper has in flight at once. Default 64.</summary>
    public int MaxConcurrentCalls { get; set; } = 64;

    internal void Validate()
    {
        if (KeepAliveInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:KeepAliveInterval must be positive (got {KeepAliveInterval}).");
        if (RetryInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RetryInterval must be positive (got {RetryInterval}).");
        if (RangeRefreshInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RangeRefreshInterval must be positive (got {RangeRefreshInterval}).");
        if (MaxConcurrentCalls < 1) throw new ArgumentException($"{SectionName}:MaxConcurrentCalls must be at least 1 (got {MaxConcurrentCalls}).");
    }
}

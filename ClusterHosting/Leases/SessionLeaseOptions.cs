namespace Cluster.Hosting.Leases;

/// <summary>Session lease timings; bound from <c>Cluster:SessionLeases</c>. The lease length is the trade between failover
/// time (a new activation waits up to <see cref="Duration"/> for a dead holder's lease) and safety (a holder that cannot
/// renew stops using the session <see cref="SafetyMargin"/> before its lease can end).</summary>
public sealed class SessionLeaseOptions
{
    public const string SectionName = "Cluster:SessionLeases";

    /// <summary>How long a grant lasts without renewal. Default 5 s.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a holder renews. Default 1 s.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long before the end of its last grant (by its own monotonic clock, counted from before the grant was
    /// asked for) a holder that could not renew gives the lease up. Covers clock rate differences and the time a request
    /// takes. Default 1.5 s.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The longest a waiting activation sleeps between two attempts. Default 250 ms.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    internal void Validate()
    {
        if (Duration <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:Duration must be positive (got {Duration}).");
        if (RenewInterval <= TimeSpan.Zero || RenewInterval >= Duration - SafetyMargin)
            throw new ArgumentException($"{SectionName}:RenewInterval must be positive and shorter than Duration - SafetyMargin (got {RenewInterval}).");
        if (SafetyMargin <= TimeSpan.Zero || SafetyMargin >= Duration)
            throw new ArgumentException($"{SectionName}:SafetyMargin must be positive and shorter than Duration (got {SafetyMargin}).");
        if (RetryInterval <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:RetryInterval must be positive (got {RetryInterval}).");
    }
}

namespace Cluster.Hosting.Placement;

/// <summary>This silo's share of Telegram sessions; bound from <c>Cluster:Sessions</c>.</summary>
public sealed class SessionCapacityOptions
{
    public const string SectionName = "Cluster:Sessions";

    /// <summary>How many account sessions this silo holds at most before new accounts are placed elsewhere (each TDLib
    /// session costs tens of MB). Default 200.</summary>
    public int Capacity { get; set; } = 200;

    /// <summary>How long the placement director trusts the session counts it read from the silos. Default 1 s.</summary>
    public TimeSpan LoadCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (Capacity < 1) throw new ArgumentException($"{SectionName}:Capacity must be at least 1 (got {Capacity}).");
        if (LoadCacheDuration < TimeSpan.Zero) throw new ArgumentException($"{SectionName}:LoadCacheDuration must not be negative (got {LoadCacheDuration}).");
    }
}

namespace Cluster.Hosting.Placement;

/// <summary>One silo's account sessions: how many it holds (session leases) and how many it may hold.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SessionLoad")]
public sealed record SessionLoad([property: Id(0)] int Held, [property: Id(1)] int Capacity)
{
    public int Free => Capacity - Held;
}

namespace Cluster.Runtime.Placement;

/// <summary>How much of each placement resource this silo may hold (configuration section
/// <c>Cluster:Resources</c>, e.g. <c>Cluster:Resources:Capacity:sessions = 200</c>); published with its load.</summary>
public sealed class ResourceCapacityOptions
{
    public const string SectionName = "Cluster:Resources";

    /// <summary>Capacity per resource name. A resource not listed is unlimited on this silo. Default: empty.</summary>
    public Dictionary<string, int> Capacity { get; set; } = new(StringComparer.Ordinal);
}

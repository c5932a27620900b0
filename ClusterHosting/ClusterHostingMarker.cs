namespace Cluster.Hosting;

/// <summary>Anchor for assembly lookups (embedded schema scripts).</summary>
public static class ClusterHostingMarker;

namespace Cluster.Runtime.Diagnostics;

/// <summary>The warnings and errors this silo logged recently, if the host keeps them (the Silo registers a logger
/// provider that does). Served to the other silos by <c>/cluster/v1/logs</c>; without one the route answers [].</summary>
public interface IRecentLogSource
{
    /// <summary>The kept entries with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    IReadOnlyList<RecentLogEntry> Recent(long afterSequence = 0);
}

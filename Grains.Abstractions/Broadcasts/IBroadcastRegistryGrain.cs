namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>The cluster's latest bot broadcasts (ids, newest first, bounded), for the dashboard: one grain, <see cref="Key"/>, written once
/// per created broadcast.</summary>
[Alias("Cluster.IBroadcastRegistryGrain")]
public interface IBroadcastRegistryGrain : IGrainWithStringKey
{
    public const string Key = "broadcasts";

    /// <summary>How many ids are kept.</summary>
    public const int Kept = 20;

    [Alias("AddAsync")]
    Task AddAsync(string broadcastId);

    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}

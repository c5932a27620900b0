namespace Cluster.Runtime.Membership;

/// <summary>The full published load of every silo, as of the last membership refresh (the view carries the
/// summary only). Read by placement, the rebalancer and management on this silo.</summary>
internal sealed class LoadBook
{
    private volatile IReadOnlyDictionary<string, PublishedLoad> _loads = new Dictionary<string, PublishedLoad>();

    public IReadOnlyDictionary<string, PublishedLoad> All => _loads;

    public PublishedLoad Get(string siloId) => _loads.TryGetValue(siloId, out var load) ? load : PublishedLoad.Empty;

    public void Replace(IReadOnlyDictionary<string, PublishedLoad> loads) => _loads = loads;
}

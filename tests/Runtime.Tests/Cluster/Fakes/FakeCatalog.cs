using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Tests.Cluster.Fakes;

/// <summary>A catalog holding a set of grain ids; deactivation removes them.</summary>
internal sealed class FakeCatalog : IActivationCatalog
{
    private readonly HashSet<GrainId> _active = [];
    public List<(GrainId Grain, DeactivationReason Reason)> Deactivated { get; } = [];

    public void Add(params GrainId[] ids) { lock (_active) foreach (var id in ids) _active.Add(id); }

    public int Count { get { lock (_active) return _active.Count; } }
    public IReadOnlyDictionary<string, int> CountsByType() { lock (_active) return _active.GroupBy(g => g.Type).ToDictionary(g => g.Key, g => g.Count()); }
    public IReadOnlyDictionary<string, int> ResourcesUsed() => new Dictionary<string, int>();
    public IReadOnlyCollection<GrainId> ActiveGrainIds() { lock (_active) return _active.ToList(); }

    public Task<bool> DeactivateAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken)
    {
        lock (_active)
        {
            if (!_active.Remove(grainId)) return Task.FromResult(false);
            Deactivated.Add((grainId, reason));
            return Task.FromResult(true);
        }
    }

    public Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        lock (_active) { foreach (var id in _active) Deactivated.Add((id, reason)); _active.Clear(); }
        return Task.CompletedTask;
    }
}

using Cluster.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Placement;

/// <summary>Placements this silo made that the target's published load may not show yet. Published loads lag
/// by up to a heartbeat; without this a burst of placements would all pick the same "least loaded" silo.</summary>
internal sealed class PendingPlacements(IOptions<PlacementOptions> options, IOptions<MembershipOptions> membership, TimeProvider time)
{
    private sealed record Entry(string SiloId, string? Resource, int Units, long Timestamp, DateTimeOffset SiloHeartbeat);

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public void Add(SiloSummary silo, string? resource, int units)
    {
        lock (_gate) _entries.Add(new Entry(silo.SiloId, resource, units, time.GetTimestamp(), silo.LastHeartbeat));
    }

    /// <summary>Activations and resource units placed on each silo that its load does not include yet.</summary>
    public (int Activations, int Units) For(SiloSummary silo, string? resource)
    {
        lock (_gate)
        {
            // An entry is reflected once the silo published twice after it (the activation may take one
            // interval to start) or once the window passed.
            var published = membership.Value.HeartbeatInterval * 1.5;
            _entries.RemoveAll(e => time.GetElapsedTime(e.Timestamp) > options.Value.PendingPlacementWindow);
            int activations = 0, units = 0;
            foreach (var e in _entries)
            {
                if (e.SiloId != silo.SiloId || silo.LastHeartbeat - e.SiloHeartbeat >= published) continue;
                activations++;
                if (resource is not null && e.Resource == resource) units += e.Units;
            }
            return (activations, units);
        }
    }
}

using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Membership;

/// <summary>Turns membership rows into a view: a row whose heartbeat is older than the death timeout by the
/// database clock counts as Dead even before anyone marks it, and each row's load JSON is parsed once.</summary>
internal static class MembershipViewBuilder
{
    public static (MembershipView View, IReadOnlyDictionary<string, PublishedLoad> Loads) Build(MembershipSnapshot snapshot, TimeSpan deathTimeout)
    {
        var loads = new Dictionary<string, PublishedLoad>(StringComparer.Ordinal);
        var silos = new List<SiloSummary>(snapshot.Silos.Count);
        foreach (var row in snapshot.Silos)
        {
            var load = SiloMembershipService.ParseLoad(row.LoadJson);
            loads[row.SiloId] = load;
            var status = row.Status;
            if (status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown
                && snapshot.DatabaseNow - row.LastHeartbeat > deathTimeout)
                status = SiloStatus.Dead;
            silos.Add(new SiloSummary(row.SiloId, row.Address, row.HostName, status, row.StartedAt, row.LastHeartbeat, load.ToSiloLoad()));
        }
        return (new MembershipView(snapshot.DatabaseNow, silos), loads);
    }
}

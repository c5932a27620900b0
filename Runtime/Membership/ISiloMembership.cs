namespace Cluster.Runtime.Membership;

/// <summary>This silo's place in the cluster: its identity, the current view of live silos (read from the
/// membership table with the database clock), and whether it has fenced itself. Implemented by the
/// membership service; used by routing, placement, the keeper, the rebalancer and management.</summary>
public interface ISiloMembership
{
    string LocalSiloId { get; }

    /// <summary>The address other silos and clients use to reach this silo (http://host:port).</summary>
    string LocalAddress { get; }

    /// <summary>The latest view of the cluster.</summary>
    MembershipView View { get; }

    /// <summary>True once this silo failed to renew its heartbeat within its lease (or learned it was
    /// declared dead): it must not run activations or write state any more.</summary>
    bool IsFenced { get; }

    /// <summary>Raised after every refresh that changed the set or status of silos.</summary>
    event Action<MembershipView>? ViewChanged;

    /// <summary>Raised once when the silo fences itself; handlers stop every activation at once.</summary>
    event Action? Fenced;

    /// <summary>Re-reads the membership table now.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>The membership table at one moment: every known silo with its status and published load.</summary>
public sealed record MembershipView(DateTimeOffset DatabaseNow, IReadOnlyList<SiloSummary> Silos)
{
    public static MembershipView Empty { get; } = new(DateTimeOffset.MinValue, []);

    /// <summary>Silos that accept new activations: Active and alive by the death timeout.</summary>
    public IEnumerable<SiloSummary> Active => Silos.Where(s => s.Status == SiloStatus.Active);

    /// <summary>Silos that still serve calls (Active or ShuttingDown).</summary>
    public IEnumerable<SiloSummary> Serving => Silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown);
}

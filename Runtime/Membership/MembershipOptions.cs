namespace Cluster.Runtime.Membership;

/// <summary>Timings of membership and failure detection (configuration section <c>Cluster:Membership</c>).
/// Invariant, checked at start: HeartbeatInterval &lt; Lease &lt; DeathTimeout.</summary>
public sealed class MembershipOptions
{
    public const string SectionName = "Cluster:Membership";

    /// <summary>This silo's id in the membership table. Default: a new id per process start (a restarted silo is a new member).</summary>
    public string? SiloId { get; set; }

    /// <summary>The address other silos and clients use to reach this silo (http://host:port). Required on silos.</summary>
    public string? Address { get; set; }

    /// <summary>The host name shown to operators. Default: the machine name.</summary>
    public string? HostName { get; set; }

    /// <summary>How often the silo stamps its heartbeat, publishes its load and re-reads the view. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat (database clock) is older than this is dead and its grains may be
    /// taken over. Default 4 s.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a silo may run activations after it SENT its last successful heartbeat (local monotonic
    /// clock) before it fences itself. Must be shorter than DeathTimeout; the difference is the margin for
    /// stopping activations. Default 3 s.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Rows of silos that are Dead or Left are deleted once their last heartbeat is older than this. Default 1 h.</summary>
    public TimeSpan RemoveDeadAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a fenced silo stops its host (so an orchestrator restarts it as a new member). Default true.</summary>
    public bool StopHostWhenFenced { get; set; } = true;
}

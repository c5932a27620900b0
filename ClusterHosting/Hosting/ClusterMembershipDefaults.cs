namespace Cluster.Hosting.Hosting;

/// <summary>Failure detection in seconds rather than Orleans' defaults (10-14 s to declare a killed silo dead). Applied
/// before <c>Cluster:Membership</c> is bound onto Orleans' <see cref="Orleans.Configuration.ClusterMembershipOptions"/>, so
/// every value stays a setting (e.g. <c>Cluster:Membership:ProbeTimeout</c>).</summary>
public static class ClusterMembershipDefaults
{
    /// <summary>How long a probe may take before it counts as missed (Orleans: 5 s). Ours: 1 s.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How many times ProbeTimeout a probe's adaptive timeout may grow to, unless <c>Cluster:Membership:MaxProbeTimeout</c>
    /// is set (Orleans: 4). Ours: 2 (2 s). It also bounds Orleans' connection liveness check, which holds back every vote
    /// against a silo that sent anything within MaxProbeTimeout x NumMissedProbesLimit: with Orleans' factor that is 8 s, so a
    /// frozen (SIGSTOP) silo was declared dead only 8 s after it stopped answering, and its accounts ran elsewhere only after
    /// about 10.5 s. Ours: 4 s.</summary>
    public const int MaxProbeTimeoutFactor = 2;

    /// <summary>Missed probes before a silo suspects another (Orleans: 3). Ours: 2.</summary>
    public const int NumMissedProbesLimit = 2;

    /// <summary>Suspicions needed to declare a silo dead (Orleans: 2). Ours: 2 (1 when only two silos remain, as Orleans does).</summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>How often the membership table is read (Orleans: 60 s). Ours: 2 s.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo writes its I-am-alive time (Orleans: 30 s). Ours: 5 s.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a death vote counts (Orleans: 2 min). Ours: 10 s.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the distributed directory holds a dead silo's range (Orleans: 30 s from the failure). Ours: 3 s:
    /// the session lease, not the directory, protects Telegram sessions.</summary>
    public static readonly TimeSpan RangeLeaseDuration = TimeSpan.FromSeconds(3);
}

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Where a pair is: what /pairs shows.</summary>
[GenerateSerializer, Alias("Cluster.PairState")]
public enum PairState
{
    /// <summary>Never configured.</summary>
    Unconfigured,
    /// <summary>Configured but disabled.</summary>
    Disabled,
    /// <summary>Paused by an admin: new source messages are skipped until resumed.</summary>
    Paused,
    /// <summary>Forwarding.</summary>
    Running,
    /// <summary>The account cannot serve it now (cooldown, limit, not logged in); see <c>RetryAt</c>.</summary>
    WaitingForAccount,
    /// <summary>Something needs an admin (source not resolvable, ...); see <c>LastError</c>.</summary>
    Error,
}

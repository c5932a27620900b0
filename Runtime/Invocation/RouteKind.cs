namespace Cluster.Runtime.Invocation;

/// <summary>How a call reached the router, which decides how far it may be routed.</summary>
internal enum RouteKind
{
    /// <summary>From a grain reference on this silo: resolve, forward, retry.</summary>
    Origin,
    /// <summary>From a cluster client through this silo as gateway: resolve, forward, retry.</summary>
    Gateway,
    /// <summary>Forwarded here as the directory owner: run it if the grain is active here, else "not here".</summary>
    Owner,
    /// <summary>Sent here by placement: run it, activating (claiming) the grain if needed.</summary>
    Placed,
}

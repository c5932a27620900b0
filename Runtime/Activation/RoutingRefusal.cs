namespace Cluster.Runtime.Activation;

/// <summary>Why a silo did not run a call; every one of them means the call did not execute and may be
/// routed again.</summary>
internal enum RoutingRefusal
{
    /// <summary>The grain is not active here (never was, deactivating, or owned by another silo).</summary>
    NotHere,
    /// <summary>This silo's capacity for the grain's resource is used up.</summary>
    Full,
    /// <summary>This silo takes no new activations or calls (shutting down or fenced).</summary>
    NotAccepting,
    /// <summary>The target silo could not be connected to.</summary>
    Unreachable,
}

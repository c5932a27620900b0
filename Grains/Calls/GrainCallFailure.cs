namespace Cluster.Grains.Calls;

/// <summary>Tells a call that did not reach a running grain (no silo took it, its silo died, it timed out) from a grain
/// that answered with an error. Orleans rethrows a grain's own exception as itself; failures of the runtime are
/// <see cref="OrleansException"/>s (<see cref="SiloUnavailableException"/>, message rejections) or timeouts.</summary>
public static class GrainCallFailure
{
    public static bool IsUnreachable(Exception e) => e is OrleansException or TimeoutException;
}

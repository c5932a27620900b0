namespace Cluster.AdminBot.Fleet;

/// <summary>Tells a call that did not reach a running grain (no silo answered, the gateway is gone, it timed out) from a
/// grain that answered with an error. Orleans rethrows a grain's own exception as itself; its own failures are
/// <see cref="OrleansException"/>s (<see cref="SiloUnavailableException"/>, connection failures, rejections) or timeouts.</summary>
public static class ClusterCallFailure
{
    public static bool IsUnreachable(Exception e) => e is OrleansException or TimeoutException;
}

using Orleans.Services;

namespace Cluster.Hosting.Placement;

/// <summary>A grain service on every silo: its session load, for placement and the rebalancers of the other silos, and the
/// moves those rebalancers ask of it.</summary>
[Alias("Cluster.ISessionLoadService")]
public interface ISessionLoadService : IGrainService
{
    [Alias("GetLoadAsync")]
    Task<SessionLoad> GetLoadAsync();

    /// <summary>Asks up to <paramref name="count"/> accounts waiting in this silo's queue (its head: premium first) to move
    /// to <paramref name="target"/>, which has room for them. Returns how many were asked.</summary>
    [Alias("SendQueuedAsync")]
    Task<int> SendQueuedAsync(SiloAddress target, int count);

    /// <summary>Asks up to <paramref name="count"/> connected accounts to close their sessions and move to
    /// <paramref name="target"/>, which holds fewer; this silo gives none that would take it below <paramref name="mean"/>,
    /// none that connected recently, and none while it rests after giving. Returns how many were asked.</summary>
    [Alias("SendHeldAsync")]
    Task<int> SendHeldAsync(SiloAddress target, int count, double mean);
}

namespace Cluster.Grains.Abstractions.Keeping;

/// <summary>A grain the always-on keeper keeps active (an enabled account, pair or bot): the keeper calls
/// <see cref="KeepAliveAsync"/> on every silo's share of the registry, which activates the grain where it is not active
/// (after a silo loss, say) and keeps an active one from being collected as idle.</summary>
[Alias("Cluster.IAlwaysOnGrain")]
public interface IAlwaysOnGrain : IGrainWithStringKey
{
    /// <summary>Does nothing: being called is the point. Interleaves, so a busy grain answers at once.</summary>
    [AlwaysInterleave]
    [Alias("KeepAliveAsync")]
    Task KeepAliveAsync();
}

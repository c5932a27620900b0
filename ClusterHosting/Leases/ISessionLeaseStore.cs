namespace Cluster.Hosting.Leases;

/// <summary>Lease rows on Telegram sessions (an account's MTProto session, a bot token's poller) in the cluster database.
/// Every comparison uses the database's clock, so silos with skewed clocks agree on who holds a lease.</summary>
public interface ISessionLeaseStore
{
    /// <summary>Takes the lease on <paramref name="sessionKey"/> for <paramref name="owner"/> for <paramref name="duration"/>
    /// when nobody holds it, its holder's lease has run out, or <paramref name="owner"/> already holds it (a renewal).
    /// Atomic: of two concurrent callers at most one is granted.</summary>
    Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="owner"/>'s lease at once (no-op when someone else holds it).</summary>
    Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken);
}

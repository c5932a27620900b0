using System.Diagnostics;

using Cluster.Hosting.Leases;

namespace Cluster.TestSupport.Orleans;

/// <summary>Session leases in the test process's memory (its monotonic clock), shared by the silos of one <see cref="GrainCluster"/>.</summary>
public sealed class InMemorySessionLeaseStore : ISessionLeaseStore
{
    private readonly Dictionary<string, (string Holder, long Expires)> _leases = new(StringComparer.Ordinal);

    public Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            var now = Stopwatch.GetTimestamp();
            if (_leases.TryGetValue(sessionKey, out var held) && held.Holder != owner && held.Expires > now)
                return Task.FromResult(new LeaseGrant(false, held.Holder, Stopwatch.GetElapsedTime(now, held.Expires)));
            _leases[sessionKey] = (owner, now + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            return Task.FromResult(new LeaseGrant(true, owner, duration));
        }
    }

    public Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(sessionKey, out var held) && held.Holder == owner) _leases.Remove(sessionKey);
        }
        return Task.CompletedTask;
    }
}

/// <summary>One silo's way to the cluster's <see cref="InMemorySessionLeaseStore"/>. <see cref="Fence"/> (a kill) cuts it
/// off, as a dead process renews nothing: its leases run out while whatever the kill left running in the test process
/// (a lease's renewal loop, say) keeps trying.</summary>
public sealed class SiloSessionLeaseStore(InMemorySessionLeaseStore shared) : ISessionLeaseStore
{
    private volatile bool _fenced;

    public void Fence() => _fenced = true;

    public Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
        => _fenced ? Task.FromException<LeaseGrant>(new InvalidOperationException("The silo was killed: it reaches no lease store.")) : shared.TryAcquireAsync(sessionKey, owner, duration, cancellationToken);

    public Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken)
        => _fenced ? Task.FromException(new InvalidOperationException("The silo was killed: it reaches no lease store.")) : shared.ReleaseAsync(sessionKey, owner, cancellationToken);
}

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

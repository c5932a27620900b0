using System.Diagnostics;

namespace Cluster.Hosting.Leases;

/// <summary>Session leases in this process's memory (its monotonic clock), for test clusters without a database.</summary>
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

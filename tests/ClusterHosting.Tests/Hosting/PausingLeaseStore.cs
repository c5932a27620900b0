using System.Collections.Concurrent;
using Cluster.Hosting.Leases;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>A silo's lease store whose renewals can be held back for a while, as when the silo pauses (starved of CPU, a
/// long collection) or its database answers late: leases held on it run past their deadline and are lost. First requests
/// and releases pass at once.</summary>
public sealed class PausingLeaseStore(ISessionLeaseStore inner) : ISessionLeaseStore
{
    private readonly ConcurrentDictionary<string, byte> _owners = new(StringComparer.Ordinal);
    private long _pausedUntil;

    /// <summary>Renewals asked for in the next <paramref name="duration"/> are answered only after it.</summary>
    public void PauseRenewals(TimeSpan duration) => Interlocked.Exchange(ref _pausedUntil, DateTime.UtcNow.Add(duration).Ticks);

    public async Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!_owners.TryAdd(owner, 0))
        {
            var left = new DateTime(Interlocked.Read(ref _pausedUntil), DateTimeKind.Utc) - DateTime.UtcNow;
            if (left > TimeSpan.Zero) await Task.Delay(left, cancellationToken);
        }
        return await inner.TryAcquireAsync(sessionKey, owner, duration, cancellationToken);
    }

    public Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken)
        => inner.ReleaseAsync(sessionKey, owner, cancellationToken);
}

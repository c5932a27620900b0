using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Grains.Abstractions.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Leases;

/// <summary>Session leases over the cluster database (<see cref="ISessionLeaseStore"/>). Each lease gets an owner name of
/// its own (this silo plus a random part), so two activations on one silo are two owners. Validity is judged by this
/// process's monotonic clock from the moment before each successful request: a process frozen past its deadline finds its
/// lease invalid the instant it runs again, before any timer fires.</summary>
public sealed partial class SessionLeases(ISessionLeaseStore store, ILocalSiloDetails silo, IOptions<SessionLeaseOptions> options,
    ILogger<SessionLeases> logger) : ISessionLeases
{
    private readonly SessionLeaseOptions _options = options.Value;
    private readonly ISessionLeaseStore _store = store;
    private readonly ConcurrentDictionary<Lease, byte> _held = new();

    /// <summary>How many leases this process holds whose session key starts with <paramref name="prefix"/>.</summary>
    public int HeldCount(string prefix) => _held.Keys.Count(l => l.IsValid && l.SessionKey.StartsWith(prefix, StringComparison.Ordinal));

    public async Task<ISessionLease> AcquireAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var owner = NewOwner();
        var waitedSince = Stopwatch.GetTimestamp();
        var logged = false;
        while (true)
        {
            var asked = Stopwatch.GetTimestamp();
            var grant = await _store.TryAcquireAsync(sessionKey, owner, _options.Duration, cancellationToken);
            if (grant.Granted)
            {
                if (logged) LogAcquiredAfterWait(sessionKey, Stopwatch.GetElapsedTime(waitedSince).TotalMilliseconds);
                var lease = new Lease(this, sessionKey, owner, Deadline(asked, grant.Remaining));
                _held.TryAdd(lease, 0);
                return lease;
            }
            if (!logged)
            {
                LogWaiting(sessionKey, grant.Holder ?? "?", grant.Remaining.TotalMilliseconds);
                logged = true;
            }
            var wait = grant.Remaining < _options.RetryInterval && grant.Remaining > TimeSpan.Zero ? grant.Remaining : _options.RetryInterval;
            await Task.Delay(wait, cancellationToken);
        }
    }

    public async Task<ISessionLease?> TryAcquireAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var owner = NewOwner();
        var asked = Stopwatch.GetTimestamp();
        var grant = await _store.TryAcquireAsync(sessionKey, owner, _options.Duration, cancellationToken);
        if (!grant.Granted) return null;
        var lease = new Lease(this, sessionKey, owner, Deadline(asked, grant.Remaining));
        _held.TryAdd(lease, 0);
        return lease;
    }

    private string NewOwner() => $"{silo.SiloAddress.ToParsableString()}#{Guid.NewGuid():N}";

    // The monotonic moment before which the holder may use the session: the grant's length counted from before it was asked
    // for (the database counted from later), less the safety margin.
    private long Deadline(long askedAt, TimeSpan granted)
        => askedAt + (long)((granted - _options.SafetyMargin).TotalSeconds * Stopwatch.Frequency);

    private sealed class Lease : ISessionLease
    {
        private readonly SessionLeases _owner;
        private readonly string _holder;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewals;
        private long _deadline;
        private int _released;

        public Lease(SessionLeases owner, string sessionKey, string holder, long deadline)
        {
            _owner = owner;
            SessionKey = sessionKey;
            _holder = holder;
            _deadline = deadline;
            _renewals = Task.Run(RenewAsync);
        }

        public string SessionKey { get; }
        public bool IsValid => Volatile.Read(ref _released) == 0 && !_lost.IsCancellationRequested && Stopwatch.GetTimestamp() < Volatile.Read(ref _deadline);
        public CancellationToken Lost => _lost.Token;
        public TimeSpan Remaining => IsValid ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Volatile.Read(ref _deadline)) : TimeSpan.Zero;

        private async Task RenewAsync()
        {
            var options = _owner._options;
            while (!_stop.IsCancellationRequested)
            {
                // Sleep until the next renewal, but never past the deadline: losing it must be noticed on time.
                var untilDeadline = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Volatile.Read(ref _deadline));
                var sleep = untilDeadline < options.RenewInterval ? untilDeadline : options.RenewInterval;
                try
                {
                    if (sleep > TimeSpan.Zero) await Task.Delay(sleep, _stop.Token);
                }
                catch (OperationCanceledException) { return; }
                if (Stopwatch.GetTimestamp() >= Volatile.Read(ref _deadline))
                {
                    LoseLease("its renewals did not succeed before the safety margin");
                    return;
                }
                try
                {
                    var asked = Stopwatch.GetTimestamp();
                    // A renewal may hang (the database cut off mid-request, its connection silent): it must not outlive the lease.
                    // The store is told to give up at the deadline, and the lease does not wait for it to listen.
                    var left = Stopwatch.GetElapsedTime(asked, Volatile.Read(ref _deadline));
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    attempt.CancelAfter(left);
                    var renewal = _owner._store.TryAcquireAsync(SessionKey, _holder, options.Duration, attempt.Token);
                    LeaseGrant grant;
                    try
                    {
                        grant = await renewal.WaitAsync(left, _stop.Token);
                    }
                    catch (Exception) when (!_stop.IsCancellationRequested && Stopwatch.GetTimestamp() >= Volatile.Read(ref _deadline))
                    {
                        _ = renewal.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed, whatever it ends with
                        LoseLease("its renewals did not succeed before the safety margin");
                        return;
                    }
                    if (!grant.Granted)
                    {
                        LoseLease($"{grant.Holder} holds it now");
                        return;
                    }
                    // A renewal answered after the deadline passed does not revive a lease already given up.
                    if (Stopwatch.GetTimestamp() >= Volatile.Read(ref _deadline))
                    {
                        LoseLease("a renewal answered after the safety margin");
                        return;
                    }
                    Volatile.Write(ref _deadline, _owner.Deadline(asked, grant.Remaining));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    // The database is unreachable: keep trying until the deadline.
                    _owner.LogRenewFailed(SessionKey, e.Message);
                }
            }
        }

        private void LoseLease(string why)
        {
            _owner.LogLost(SessionKey, why);
            _lost.Cancel();
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            _owner._held.TryRemove(this, out _);
            _stop.Cancel();
            try { await _renewals; } catch (OperationCanceledException) { }
            try
            {
                using var timeout = new CancellationTokenSource(_owner._options.Duration);
                await _owner._store.ReleaseAsync(SessionKey, _holder, timeout.Token);
            }
            catch (Exception e)
            {
                // Not released: it runs out by itself within its duration.
                _owner.LogReleaseFailed(SessionKey, e.Message);
            }
            _lost.Dispose();
            _stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} is leased by {Holder} for {RemainingMs} ms more: waiting for it")]
    private partial void LogWaiting(string sessionKey, string holder, double remainingMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} leased after waiting {WaitedMs} ms")]
    private partial void LogAcquiredAfterWait(string sessionKey, double waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session lease {SessionKey} lost: {Reason}; the session must be closed")]
    private partial void LogLost(string sessionKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session lease {SessionKey} could not be renewed: {Reason}")]
    private partial void LogRenewFailed(string sessionKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session lease {SessionKey} could not be released (it runs out by itself): {Reason}")]
    private partial void LogReleaseFailed(string sessionKey, string reason);
}

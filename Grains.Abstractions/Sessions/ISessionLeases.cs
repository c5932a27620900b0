namespace Cluster.Grains.Abstractions.Sessions;

/// <summary>Leases on Telegram sessions, so that one session is used from one place at a time even while the cluster
/// disagrees about where a grain lives (a frozen or cut-off silo still runs its old activation for a while). Telegram
/// kills a session used twice (AUTH_KEY_DUPLICATED) and refuses a second poller of a bot token (409).</summary>
public interface ISessionLeases
{
    /// <summary>Takes the lease on <paramref name="sessionKey"/> (e.g. <c>account/42</c>, <c>bot/123</c>), waiting while
    /// another holder's lease runs; renews it in the background until disposed. Cancelled by
    /// <paramref name="cancellationToken"/> while waiting.</summary>
    Task<ISessionLease> AcquireAsync(string sessionKey, CancellationToken cancellationToken);

    /// <summary>Takes the lease on <paramref name="sessionKey"/> only if nobody else holds it now: one request, no waiting.
    /// Null when another holder's lease runs. For a holder that lost its lease (its renewals were late: a pause, a slow
    /// database) and released it: it takes the session up again where it is, unless someone else took it meanwhile.</summary>
    Task<ISessionLease?> TryAcquireAsync(string sessionKey, CancellationToken cancellationToken);
}

/// <summary>A held lease. The holder may use the session only while <see cref="IsValid"/>; <see cref="Lost"/> is
/// cancelled (by this process's monotonic clock) before the lease can end without a renewal, and the holder must then
/// close the session. Disposing releases the lease at once.</summary>
public interface ISessionLease : IAsyncDisposable
{
    /// <summary>The session key this lease is on.</summary>
    string SessionKey { get; }

    /// <summary>True until the lease is lost or released.</summary>
    bool IsValid { get; }

    /// <summary>How much longer the holder may use the session by its own monotonic clock (zero once lost or released). A
    /// request that stays open at Telegram (a long poll) must not be opened for longer than this.</summary>
    TimeSpan Remaining { get; }

    /// <summary>Cancelled when the lease is lost: renewals failed until the safety margin before its end.</summary>
    CancellationToken Lost { get; }
}

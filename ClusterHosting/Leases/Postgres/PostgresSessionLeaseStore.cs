using Npgsql;

namespace Cluster.Hosting.Leases.Postgres;

/// <summary>Session leases in PostgreSQL (table <c>cluster_session_lease</c>, installed by
/// <see cref="Storage.Postgres.PostgresClusterSchema"/>). Whether a lease is free, its expiry and the time it has
/// left all come from the database's clock. Taking and renewing is one <c>INSERT ... ON CONFLICT DO UPDATE ... WHERE</c>
/// statement, so of two owners racing for a free lease exactly one gets it.</summary>
public sealed class PostgresSessionLeaseStore : ISessionLeaseStore
{
    // One reading of the database clock (the "clock" row) decides whether the present lease has run out and sets the
    // new expiry; the conflict branch sees it as excluded.renewed_at. Only a lease that has run out, or the caller's
    // own, is overwritten; otherwise the statement returns no row. The holder keeps acquired_at across renewals.
    // Remaining is measured again when the answer is made.
    private const string AcquireSql =
        """
        INSERT INTO cluster_session_lease AS lease (session_key, holder, acquired_at, renewed_at, expires_at)
        SELECT $1, $2, clock.t, clock.t, clock.t + $3
          FROM (SELECT clock_timestamp() AS t) AS clock
        ON CONFLICT (session_key) DO UPDATE
           SET holder = excluded.holder,
               acquired_at = CASE WHEN lease.holder = excluded.holder AND lease.expires_at > excluded.renewed_at
                                  THEN lease.acquired_at ELSE excluded.acquired_at END,
               renewed_at = excluded.renewed_at,
               expires_at = excluded.expires_at
         WHERE lease.expires_at <= excluded.renewed_at
            OR lease.holder = excluded.holder
        RETURNING lease.holder, lease.expires_at - clock_timestamp()
        """;

    private const string ReadHolderSql =
        """
        SELECT holder, GREATEST(expires_at - clock_timestamp(), interval '0')
          FROM cluster_session_lease
         WHERE session_key = $1 AND expires_at > clock_timestamp()
        """;

    private const string ReleaseSql = "DELETE FROM cluster_session_lease WHERE session_key = $1 AND holder = $2";

    private readonly NpgsqlDataSource dataSource;

    public PostgresSessionLeaseStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        // Refused: say who holds it. The holder's lease may run out (or be released) between the two statements;
        // then try again rather than report a holder that is gone.
        for (var attempt = 0; ; attempt++)
        {
            await using (var acquire = dataSource.CreateCommand(AcquireSql))
            {
                acquire.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionKey });
                acquire.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
                acquire.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
                await using var reader = await acquire.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new LeaseGrant(true, reader.GetString(0), reader.GetFieldValue<TimeSpan>(1));
                }
            }

            await using var read = dataSource.CreateCommand(ReadHolderSql);
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionKey });
            await using var holder = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await holder.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new LeaseGrant(false, holder.GetString(0), holder.GetFieldValue<TimeSpan>(1));
            }
            if (attempt == 2)
            {
                return new LeaseGrant(false, null, TimeSpan.Zero);
            }
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var command = dataSource.CreateCommand(ReleaseSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

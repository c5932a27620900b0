using Cluster.Hosting.Storage;
using Cluster.Hosting.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Leases.Sqlite;

/// <summary>Session leases in the SQLite cluster database (table <c>cluster_session_leases</c> of
/// <see cref="SqliteClusterSchema"/>).</summary>
/// <remarks>The clock is SQLite's own: every comparison and expiry is <c>unixepoch('subsec')</c> evaluated inside the
/// statement, never a time the caller sends. SQLite runs in our process, so that is this machine's wall clock, and the
/// SQLite database is only for the one-silo embedded default: every silo that can see the file is on this machine and
/// reads the same clock. (A jump of the wall clock moves every lease at once; the holder's own monotonic clock, which
/// decides when it stops using its session, is not affected.)</remarks>
public sealed class SqliteSessionLeaseStore(string connectionString) : ISessionLeaseStore
{
    // Milliseconds since the unix epoch by SQLite's clock. Within one statement SQLite reads the clock once, so every
    // use of it in a statement agrees.
    private const string NowMs = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

    /// <summary>The store on the configured cluster database.</summary>
    public SqliteSessionLeaseStore(IOptions<ClusterStorageOptions> options) : this(options.Value.EffectiveConnectionString)
    {
    }

    public async Task<LeaseGrant> TryAcquireAsync(string sessionKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        // The write lock up front: of two callers one acquires (or renews) and commits before the other's statement
        // runs, so the other finds a live lease and is refused. The refusal's read of the holder is in the same
        // transaction, so it reports the lease that refused it.
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using (var acquire = connection.CreateCommand())
        {
            acquire.Transaction = transaction;
            acquire.CommandText = $"""
                INSERT INTO cluster_session_leases (session_key, holder, expires_at_ms)
                VALUES (@session_key, @owner, {NowMs} + @duration_ms)
                ON CONFLICT (session_key) DO UPDATE
                    SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
                    WHERE cluster_session_leases.expires_at_ms <= {NowMs}
                       OR cluster_session_leases.holder = excluded.holder
                RETURNING expires_at_ms - {NowMs}
                """;
            acquire.With("session_key", sessionKey).With("owner", owner).With("duration_ms", (long)Math.Ceiling(duration.TotalMilliseconds));
            if (await acquire.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long grantedMs)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new LeaseGrant(true, owner, TimeSpan.FromMilliseconds(grantedMs));
            }
        }

        await using var holder = connection.CreateCommand();
        holder.Transaction = transaction;
        holder.CommandText = $"SELECT holder, expires_at_ms - {NowMs} FROM cluster_session_leases WHERE session_key = @session_key";
        holder.With("session_key", sessionKey);
        await using var reader = await holder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // The row is there (the upsert found it) and live (else the upsert would have taken it over).
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The lease on {sessionKey} was neither granted nor found");
        }
        return new LeaseGrant(false, reader.GetString(0), TimeSpan.FromMilliseconds(reader.GetInt64(1)));
    }

    public async Task ReleaseAsync(string sessionKey, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cluster_session_leases WHERE session_key = @session_key AND holder = @owner";
        command.With("session_key", sessionKey).With("owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

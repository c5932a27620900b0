using Cluster.Hosting.Storage;
using Cluster.Hosting.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Keeping.Sqlite;

/// <summary>The always-on registry in the SQLite cluster database (table <c>cluster_always_on</c> of
/// <see cref="SqliteClusterSchema"/>): one row per grain, its ring hash indexed so a keeper reads only its range.</summary>
public sealed class SqliteAlwaysOnStore(string connectionString) : IAlwaysOnStore
{
    /// <summary>The store on the configured cluster database.</summary>
    public SqliteAlwaysOnStore(IOptions<ClusterStorageOptions> options) : this(options.Value.EffectiveConnectionString)
    {
    }

    public async Task AddAsync(AlwaysOnEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // The hash follows from the grain id, so a row that is there already is the same entry: nothing to change.
        command.CommandText = """
            INSERT INTO cluster_always_on (grain_id, ring_hash) VALUES (@grain_id, @ring_hash)
            ON CONFLICT (grain_id) DO NOTHING
            """;
        command.With("grain_id", entry.GrainId).With("ring_hash", (long)entry.Hash);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string grainId, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cluster_always_on WHERE grain_id = @grain_id";
        command.With("grain_id", grainId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entries in (<paramref name="begin"/>, <paramref name="end"/>], wrapping when begin &gt;= end (begin ==
    /// end is the whole ring); in no particular order.</summary>
    public async Task<IReadOnlyList<AlwaysOnEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // A wrapping range is read as its two index ranges rather than one OR, which SQLite may answer with a full scan.
        command.CommandText = begin < end
            ? "SELECT grain_id, ring_hash FROM cluster_always_on WHERE ring_hash > @begin AND ring_hash <= @end"
            : """
              SELECT grain_id, ring_hash FROM cluster_always_on WHERE ring_hash > @begin
              UNION ALL
              SELECT grain_id, ring_hash FROM cluster_always_on WHERE ring_hash <= @end
              """;
        command.With("begin", (long)begin).With("end", (long)end);

        var entries = new List<AlwaysOnEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AlwaysOnEntry(reader.GetString(0), checked((uint)reader.GetInt64(1))));
        }
        return entries;
    }
}

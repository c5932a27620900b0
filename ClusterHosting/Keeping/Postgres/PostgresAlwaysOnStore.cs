using Npgsql;

namespace Cluster.Hosting.Keeping.Postgres;

/// <summary>The always-on registry in PostgreSQL (table <c>cluster_always_on</c>, installed by
/// <see cref="Storage.Postgres.PostgresClusterSchema"/>). Range reads use the index on the ring position, so a keeper
/// reads only its own rows.</summary>
public sealed class PostgresAlwaysOnStore : IAlwaysOnStore
{
    private const string AddSql =
        "INSERT INTO cluster_always_on (grain_id, grain_hash) VALUES ($1, $2) ON CONFLICT (grain_id) DO NOTHING";

    private const string RemoveSql = "DELETE FROM cluster_always_on WHERE grain_id = $1";

    // The rows come in ring order from the range's start: for a wrapping range the part above begin first.
    private const string PlainRangeSql =
        "SELECT grain_id, grain_hash FROM cluster_always_on WHERE grain_hash > $1 AND grain_hash <= $2 ORDER BY grain_hash, grain_id";

    private const string WrappingRangeSql =
        "SELECT grain_id, grain_hash FROM cluster_always_on WHERE grain_hash > $1 OR grain_hash <= $2 " +
        "ORDER BY grain_hash <= $2, grain_hash, grain_id";

    private const string WholeRingSql =
        "SELECT grain_id, grain_hash FROM cluster_always_on ORDER BY grain_hash <= $1, grain_hash, grain_id";

    private readonly NpgsqlDataSource dataSource;

    public PostgresAlwaysOnStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    /// <inheritdoc />
    public async Task AddAsync(AlwaysOnEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.GrainId);
        await using var command = dataSource.CreateCommand(AddSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.GrainId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Hash });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string grainId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        await using var command = dataSource.CreateCommand(RemoveSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The entries come in ring order, starting after <paramref name="begin"/>.</remarks>
    public async Task<IReadOnlyList<AlwaysOnEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        var sql = begin < end ? PlainRangeSql : begin > end ? WrappingRangeSql : WholeRingSql;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = begin });
        if (begin != end)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = end });
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AlwaysOnEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AlwaysOnEntry(reader.GetString(0), checked((uint)reader.GetInt64(1))));
        }
        return entries;
    }
}

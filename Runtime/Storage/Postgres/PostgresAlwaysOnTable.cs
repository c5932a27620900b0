using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>The always-on registry on PostgreSQL; adding and removing are idempotent.</summary>
internal sealed class PostgresAlwaysOnTable(NpgsqlDataSource dataSource) : IAlwaysOnTable
{
    public async Task AddAsync(string grainId, string grainType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO always_on (grain_id, grain_type, added_at) VALUES (@grain_id, @grain_type, clock_timestamp())
            ON CONFLICT (grain_id) DO UPDATE SET grain_type = excluded.grain_type
            """);
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("grain_type", grainType);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM always_on WHERE grain_id = @grain_id");
        command.Parameters.AddWithValue("grain_id", grainId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlwaysOnEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT grain_id, grain_type FROM always_on ORDER BY grain_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AlwaysOnEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AlwaysOnEntry(reader.GetString(0), reader.GetString(1)));
        }
        return entries;
    }
}

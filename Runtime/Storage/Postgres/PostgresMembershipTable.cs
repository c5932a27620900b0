using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>The membership table on PostgreSQL. Heartbeats and liveness use <c>clock_timestamp()</c>.</summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource dataSource) : IMembershipTable
{
    private const string AliveStatuses = "('Joining', 'Active', 'ShuttingDown')";

    public async Task RegisterAsync(string siloId, string address, string hostName, CancellationToken cancellationToken)
    {
        // A batch runs as one implicit transaction: the old lives die and the new one joins together.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            UPDATE membership SET status = 'Dead'
            WHERE address = @address AND silo_id <> @silo_id AND status NOT IN ('Dead', 'Left')
            """, ("silo_id", siloId), ("address", address)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO membership (silo_id, address, host_name, status, started_at, last_heartbeat, load_json)
            SELECT @silo_id, @address, @host_name, 'Active', now.t, now.t, '{}' FROM (SELECT clock_timestamp() AS t) now
            ON CONFLICT (silo_id) DO UPDATE SET
                address = excluded.address, host_name = excluded.host_name, status = 'Active',
                started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat, load_json = '{}'
            """, ("silo_id", siloId), ("address", address), ("host_name", hostName)));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> HeartbeatAsync(string siloId, string loadJson, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE membership SET last_heartbeat = clock_timestamp(), load_json = @load_json
            WHERE silo_id = @silo_id AND status IN {AliveStatuses}
            """);
        command.Parameters.AddWithValue("silo_id", siloId);
        command.Parameters.AddWithValue("load_json", loadJson);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE membership SET status = @status WHERE silo_id = @silo_id");
        command.Parameters.AddWithValue("silo_id", siloId);
        command.Parameters.AddWithValue("status", status.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT clock_timestamp()"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT silo_id, address, host_name, status, started_at, last_heartbeat, load_json FROM membership ORDER BY silo_id"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var silos = new List<MembershipEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            silos.Add(new MembershipEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<SiloStatus>(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6)));
        }
        return new MembershipSnapshot(now, silos);
    }

    public async Task<int> CleanupAsync(TimeSpan deathTimeout, TimeSpan removeAfter, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            UPDATE membership SET status = 'Dead'
            WHERE status IN {AliveStatuses} AND last_heartbeat < clock_timestamp() - @death_timeout
            """, ("death_timeout", deathTimeout)));
        var delete = Command("""
            DELETE FROM membership WHERE status IN ('Dead', 'Left') AND last_heartbeat < clock_timestamp() - @remove_after
            """, ("remove_after", removeAfter));
        batch.BatchCommands.Add(delete);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return delete.RecordsAffected;
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>The membership table on SQLite. Heartbeats and liveness use the database clock in unix ms.</summary>
internal sealed class SqliteMembershipTable(SqliteDatabase database) : IMembershipTable
{
    private const string Now = SqliteDatabase.NowMs;
    private const string AliveStatuses = "('Joining', 'Active', 'ShuttingDown')";

    public Task RegisterAsync(string siloId, string address, string hostName, CancellationToken cancellationToken) =>
        database.RunAsync("membership register", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = SqliteDatabase.Command(connection, $$"""
                UPDATE membership SET status = 'Dead'
                WHERE address = $address AND silo_id <> $silo_id AND status NOT IN ('Dead', 'Left');
                INSERT INTO membership (silo_id, address, host_name, status, started_at, last_heartbeat, load_json)
                VALUES ($silo_id, $address, $host_name, 'Active', {{Now}}, {{Now}}, '{}')
                ON CONFLICT (silo_id) DO UPDATE SET
                    address = excluded.address, host_name = excluded.host_name, status = 'Active',
                    started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat, load_json = '{}';
                """, transaction);
            command.Parameters.AddWithValue("$silo_id", siloId);
            command.Parameters.AddWithValue("$address", address);
            command.Parameters.AddWithValue("$host_name", hostName);
            command.ExecuteNonQuery();
            transaction.Commit();
        }, cancellationToken);

    public Task<bool> HeartbeatAsync(string siloId, string loadJson, CancellationToken cancellationToken) =>
        database.RunAsync("membership heartbeat", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"""
                UPDATE membership SET last_heartbeat = {Now}, load_json = $load_json
                WHERE silo_id = $silo_id AND status IN {AliveStatuses};
                """);
            command.Parameters.AddWithValue("$silo_id", siloId);
            command.Parameters.AddWithValue("$load_json", loadJson);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken) =>
        database.RunAsync("membership set status", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "UPDATE membership SET status = $status WHERE silo_id = $silo_id;");
            command.Parameters.AddWithValue("$silo_id", siloId);
            command.Parameters.AddWithValue("$status", status.ToString());
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken) =>
        database.RunAsync("membership read", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"""
                SELECT {Now};
                SELECT silo_id, address, host_name, status, started_at, last_heartbeat, load_json FROM membership ORDER BY silo_id;
                """);
            using var reader = command.ExecuteReader();
            reader.Read();
            var now = SqliteDatabase.FromUnixMs(reader.GetInt64(0));
            reader.NextResult();
            var silos = new List<MembershipEntry>();
            while (reader.Read())
            {
                silos.Add(new MembershipEntry(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    Enum.Parse<SiloStatus>(reader.GetString(3)),
                    SqliteDatabase.FromUnixMs(reader.GetInt64(4)),
                    SqliteDatabase.FromUnixMs(reader.GetInt64(5)),
                    reader.GetString(6)));
            }
            return new MembershipSnapshot(now, silos);
        }, cancellationToken);

    public Task<int> CleanupAsync(TimeSpan deathTimeout, TimeSpan removeAfter, CancellationToken cancellationToken) =>
        database.RunAsync("membership cleanup", connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var markDead = SqliteDatabase.Command(connection, $"""
                UPDATE membership SET status = 'Dead'
                WHERE status IN {AliveStatuses} AND {Now} - last_heartbeat > $death_timeout_ms;
                """, transaction))
            {
                markDead.Parameters.AddWithValue("$death_timeout_ms", (long)deathTimeout.TotalMilliseconds);
                markDead.ExecuteNonQuery();
            }
            int deleted;
            using (var delete = SqliteDatabase.Command(connection, $"""
                DELETE FROM membership WHERE status IN ('Dead', 'Left') AND {Now} - last_heartbeat > $remove_after_ms;
                """, transaction))
            {
                delete.Parameters.AddWithValue("$remove_after_ms", (long)removeAfter.TotalMilliseconds);
                deleted = delete.ExecuteNonQuery();
            }
            transaction.Commit();
            return deleted;
        }, cancellationToken);
}

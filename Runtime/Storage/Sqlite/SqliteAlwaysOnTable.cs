namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>The always-on registry on SQLite; adding and removing are idempotent.</summary>
internal sealed class SqliteAlwaysOnTable(SqliteDatabase database) : IAlwaysOnTable
{
    public Task AddAsync(string grainId, string grainType, CancellationToken cancellationToken) =>
        database.RunAsync("always-on add", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"""
                INSERT INTO always_on (grain_id, grain_type, added_at) VALUES ($grain_id, $grain_type, {SqliteDatabase.NowMs})
                ON CONFLICT (grain_id) DO UPDATE SET grain_type = excluded.grain_type;
                """);
            command.Parameters.AddWithValue("$grain_id", grainId);
            command.Parameters.AddWithValue("$grain_type", grainType);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task RemoveAsync(string grainId, CancellationToken cancellationToken) =>
        database.RunAsync("always-on remove", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "DELETE FROM always_on WHERE grain_id = $grain_id;");
            command.Parameters.AddWithValue("$grain_id", grainId);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<AlwaysOnEntry>> ListAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AlwaysOnEntry>>("always-on list", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "SELECT grain_id, grain_type FROM always_on ORDER BY grain_id;");
            using var reader = command.ExecuteReader();
            var entries = new List<AlwaysOnEntry>();
            while (reader.Read())
            {
                entries.Add(new AlwaysOnEntry(reader.GetString(0), reader.GetString(1)));
            }
            return entries;
        }, cancellationToken);
}

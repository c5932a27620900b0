using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>Grain states on SQLite. Each write is one statement that checks the ETag and the directory fence
/// together; SQLite runs it under the write lock, so no claim can slip in between check and write.</summary>
internal sealed class SqliteGrainStateTable(SqliteDatabase database) : IGrainStateTable
{
    private const string Fenced =
        "EXISTS (SELECT 1 FROM grain_directory WHERE grain_id = $grain_id AND silo_id = $silo_id AND epoch = $epoch)";

    private const string InsertSql = $"""
        INSERT INTO grain_state (grain_id, state_name, json, etag, updated_at)
        SELECT $grain_id, $state_name, $json, $new_etag, {SqliteDatabase.NowMs} WHERE {Fenced}
        ON CONFLICT (grain_id, state_name) DO NOTHING
        RETURNING etag;
        """;

    private const string UpdateSql = $"""
        UPDATE grain_state SET json = $json, etag = $new_etag, updated_at = {SqliteDatabase.NowMs}
        WHERE grain_id = $grain_id AND state_name = $state_name AND etag = $expected_etag AND {Fenced}
        RETURNING etag;
        """;

    private const string DeleteSql = $"""
        DELETE FROM grain_state
        WHERE grain_id = $grain_id AND state_name = $state_name AND etag = $expected_etag AND {Fenced}
        RETURNING etag;
        """;

    public Task<StoredState?> ReadAsync(string grainId, string stateName, CancellationToken cancellationToken) =>
        database.RunAsync("state read", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "SELECT json, etag FROM grain_state WHERE grain_id = $grain_id AND state_name = $state_name;");
            command.Parameters.AddWithValue("$grain_id", grainId);
            command.Parameters.AddWithValue("$state_name", stateName);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new StoredState(reader.GetString(0), reader.GetString(1)) : null;
        }, cancellationToken);

    public async Task<string> WriteAsync(string grainId, string stateName, string json, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken)
    {
        var newEtag = StateEtag.New();
        await database.RunAsync("state write", connection =>
        {
            using var command = SqliteDatabase.Command(connection, expectedEtag is null ? InsertSql : UpdateSql);
            AddKeyAndFence(command, grainId, stateName, fence);
            command.Parameters.AddWithValue("$json", json);
            command.Parameters.AddWithValue("$new_etag", newEtag);
            if (expectedEtag is not null)
            {
                command.Parameters.AddWithValue("$expected_etag", expectedEtag);
            }
            if (command.ExecuteScalar() is null)
            {
                throw Refusal(connection, grainId, stateName, expectedEtag, fence) ?? StateEtag.Mismatch(grainId, stateName, expectedEtag, null);
            }
        }, cancellationToken).ConfigureAwait(false);
        return newEtag;
    }

    public Task ClearAsync(string grainId, string stateName, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken) =>
        database.RunAsync("state clear", connection =>
        {
            if (expectedEtag is null)
            {
                // Nothing to delete when the state must not exist: only the checks remain.
                if (Refusal(connection, grainId, stateName, expectedEtag, fence) is { } refusal)
                {
                    throw refusal;
                }
                return;
            }
            using var command = SqliteDatabase.Command(connection, DeleteSql);
            AddKeyAndFence(command, grainId, stateName, fence);
            command.Parameters.AddWithValue("$expected_etag", expectedEtag);
            if (command.ExecuteScalar() is null)
            {
                throw Refusal(connection, grainId, stateName, expectedEtag, fence) ?? StateEtag.Mismatch(grainId, stateName, expectedEtag, null);
            }
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ReadAllForGrainAsync(string grainId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyDictionary<string, string>>("state read all", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "SELECT state_name, json FROM grain_state WHERE grain_id = $grain_id ORDER BY state_name;");
            command.Parameters.AddWithValue("$grain_id", grainId);
            using var reader = command.ExecuteReader();
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                states[reader.GetString(0)] = reader.GetString(1);
            }
            return states;
        }, cancellationToken);

    private static void AddKeyAndFence(SqliteCommand command, string grainId, string stateName, FenceToken fence)
    {
        command.Parameters.AddWithValue("$grain_id", grainId);
        command.Parameters.AddWithValue("$state_name", stateName);
        command.Parameters.AddWithValue("$silo_id", fence.SiloId);
        command.Parameters.AddWithValue("$epoch", fence.Epoch);
    }

    /// <summary>Explains why a fenced statement changed nothing; null when fence and ETag hold now.</summary>
    private static Exception? Refusal(SqliteConnection connection, string grainId, string stateName, string? expectedEtag, FenceToken fence)
    {
        using var command = SqliteDatabase.Command(connection, """
            SELECT (SELECT silo_id FROM grain_directory WHERE grain_id = $grain_id),
                   (SELECT epoch FROM grain_directory WHERE grain_id = $grain_id),
                   (SELECT etag FROM grain_state WHERE grain_id = $grain_id AND state_name = $state_name);
            """);
        command.Parameters.AddWithValue("$grain_id", grainId);
        command.Parameters.AddWithValue("$state_name", stateName);
        using var reader = command.ExecuteReader();
        reader.Read();
        var owner = reader.IsDBNull(0) ? null : reader.GetString(0);
        long? epoch = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        var storedEtag = reader.IsDBNull(2) ? null : reader.GetString(2);
        return StateEtag.Refusal(grainId, stateName, expectedEtag, fence, owner, epoch, storedEtag);
    }
}

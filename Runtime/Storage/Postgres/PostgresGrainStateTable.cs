using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>Grain states on PostgreSQL. Each write is one statement that share-locks the writer's directory row
/// (fence) and checks the ETag: a take-over of the grain waits for the write to commit, or the write sees the
/// new epoch and changes nothing.</summary>
internal sealed class PostgresGrainStateTable(NpgsqlDataSource dataSource) : IGrainStateTable
{
    private const string Fence = """
        WITH fence AS (
            SELECT 1 FROM grain_directory
            WHERE grain_id = @grain_id AND silo_id = @silo_id AND epoch = @epoch
            FOR SHARE)
        """;

    private const string InsertSql = $"""
        {Fence}
        INSERT INTO grain_state (grain_id, state_name, json, etag, updated_at)
        SELECT @grain_id, @state_name, @json, @new_etag, clock_timestamp() FROM fence
        ON CONFLICT (grain_id, state_name) DO NOTHING
        RETURNING etag
        """;

    private const string UpdateSql = $"""
        {Fence}
        UPDATE grain_state s SET json = @json, etag = @new_etag, updated_at = clock_timestamp()
        FROM fence
        WHERE s.grain_id = @grain_id AND s.state_name = @state_name AND s.etag = @expected_etag
        RETURNING s.etag
        """;

    private const string DeleteSql = $"""
        {Fence}
        DELETE FROM grain_state s USING fence
        WHERE s.grain_id = @grain_id AND s.state_name = @state_name AND s.etag = @expected_etag
        RETURNING s.etag
        """;

    public async Task<StoredState?> ReadAsync(string grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT json, etag FROM grain_state WHERE grain_id = @grain_id AND state_name = @state_name");
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("state_name", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new StoredState(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<string> WriteAsync(string grainId, string stateName, string json, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken)
    {
        var newEtag = StateEtag.New();
        await using var command = dataSource.CreateCommand(expectedEtag is null ? InsertSql : UpdateSql);
        AddKeyAndFence(command, grainId, stateName, fence);
        command.Parameters.AddWithValue("json", json);
        command.Parameters.AddWithValue("new_etag", newEtag);
        if (expectedEtag is not null)
        {
            command.Parameters.AddWithValue("expected_etag", expectedEtag);
        }
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw await Refusal(grainId, stateName, expectedEtag, fence, cancellationToken).ConfigureAwait(false)
                ?? StateEtag.Mismatch(grainId, stateName, expectedEtag, null);
        }
        return newEtag;
    }

    public async Task ClearAsync(string grainId, string stateName, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing to delete when the state must not exist: only the checks remain.
            if (await Refusal(grainId, stateName, expectedEtag, fence, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                throw refusal;
            }
            return;
        }
        await using var command = dataSource.CreateCommand(DeleteSql);
        AddKeyAndFence(command, grainId, stateName, fence);
        command.Parameters.AddWithValue("expected_etag", expectedEtag);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw await Refusal(grainId, stateName, expectedEtag, fence, cancellationToken).ConfigureAwait(false)
                ?? StateEtag.Mismatch(grainId, stateName, expectedEtag, null);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadAllForGrainAsync(string grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT state_name, json FROM grain_state WHERE grain_id = @grain_id ORDER BY state_name");
        command.Parameters.AddWithValue("grain_id", grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }
        return states;
    }

    private static void AddKeyAndFence(NpgsqlCommand command, string grainId, string stateName, FenceToken fence)
    {
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("state_name", stateName);
        command.Parameters.AddWithValue("silo_id", fence.SiloId);
        command.Parameters.AddWithValue("epoch", fence.Epoch);
    }

    /// <summary>Explains why a fenced statement changed nothing; null when fence and ETag hold now.</summary>
    private async Task<Exception?> Refusal(string grainId, string stateName, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT silo_id FROM grain_directory WHERE grain_id = @grain_id),
                   (SELECT epoch FROM grain_directory WHERE grain_id = @grain_id),
                   (SELECT etag FROM grain_state WHERE grain_id = @grain_id AND state_name = @state_name)
            """);
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("state_name", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return StateEtag.Refusal(
            grainId, stateName, expectedEtag, fence,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}

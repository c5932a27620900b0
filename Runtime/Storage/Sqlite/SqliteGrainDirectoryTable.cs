using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>The grain directory on SQLite. A claim is one upsert whose WHERE decides, under the database's
/// write lock, whether the current owner is still alive: there is no window between check and update.</summary>
internal sealed class SqliteGrainDirectoryTable(SqliteDatabase database, ILogger logger) : IGrainDirectoryTable
{
    private const string Columns = "grain_id, grain_type, silo_id, address, epoch";

    // Granted when the row is new, released, already ours, or its owner is not alive by the database clock.
    // The epoch grows on every change of owner and stays when the owner claims again.
    private const string ClaimSql = $"""
        INSERT INTO grain_directory (grain_id, grain_type, silo_id, address, epoch, updated_at)
        VALUES ($grain_id, $grain_type, $silo_id, $address, 1, {SqliteDatabase.NowMs})
        ON CONFLICT (grain_id) DO UPDATE SET
            grain_type = excluded.grain_type,
            silo_id = excluded.silo_id,
            address = excluded.address,
            epoch = CASE WHEN grain_directory.silo_id = excluded.silo_id THEN grain_directory.epoch ELSE grain_directory.epoch + 1 END,
            updated_at = excluded.updated_at
        WHERE grain_directory.silo_id IS NULL
           OR grain_directory.silo_id = excluded.silo_id
           OR NOT EXISTS (
                SELECT 1 FROM membership m
                WHERE m.silo_id = grain_directory.silo_id
                  AND m.status IN ('Joining', 'Active', 'ShuttingDown')
                  AND {SqliteDatabase.NowMs} - m.last_heartbeat <= $death_timeout_ms)
        RETURNING {Columns};
        """;

    private const int MaxClaimAttempts = 10;

    public Task<DirectoryEntry?> LookupAsync(string grainId, CancellationToken cancellationToken) =>
        database.RunAsync("directory lookup", connection => Lookup(connection, grainId), cancellationToken);

    public async Task<ClaimResult> TryClaimAsync(string grainId, string grainType, string siloId, string address, TimeSpan deathTimeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await database.RunAsync("directory claim", connection =>
            {
                using (var claim = SqliteDatabase.Command(connection, ClaimSql))
                {
                    claim.Parameters.AddWithValue("$grain_id", grainId);
                    claim.Parameters.AddWithValue("$grain_type", grainType);
                    claim.Parameters.AddWithValue("$silo_id", siloId);
                    claim.Parameters.AddWithValue("$address", address);
                    claim.Parameters.AddWithValue("$death_timeout_ms", (long)deathTimeout.TotalMilliseconds);
                    using var reader = claim.ExecuteReader();
                    if (reader.Read())
                    {
                        return new ClaimResult(true, ReadEntry(reader));
                    }
                }
                // Refused: report the owner that holds it. Read outside the claim, so it may have changed since;
                // only a live other owner is a valid refusal, anything else means "try again".
                var current = Lookup(connection, grainId);
                return current is { SiloId: not null } && current.SiloId != siloId ? new ClaimResult(false, current) : null;
            }, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }
            if (attempt >= MaxClaimAttempts)
            {
                throw new InvalidOperationException($"Claim of grain {grainId} kept racing with other writers after {attempt} attempts");
            }
            StorageLog.ClaimRaced(logger, grainId, attempt);
        }
    }

    public Task ReleaseAsync(string grainId, FenceToken fence, CancellationToken cancellationToken) =>
        database.RunAsync("directory release", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"""
                UPDATE grain_directory SET silo_id = NULL, address = NULL, updated_at = {SqliteDatabase.NowMs}
                WHERE grain_id = $grain_id AND silo_id = $silo_id AND epoch = $epoch;
                """);
            command.Parameters.AddWithValue("$grain_id", grainId);
            command.Parameters.AddWithValue("$silo_id", fence.SiloId);
            command.Parameters.AddWithValue("$epoch", fence.Epoch);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<DirectoryEntry>> ListOwnedAsync(string? siloId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<DirectoryEntry>>("directory list", connection =>
        {
            using var command = SqliteDatabase.Command(connection, siloId is null
                ? $"SELECT {Columns} FROM grain_directory WHERE silo_id IS NOT NULL ORDER BY grain_id;"
                : $"SELECT {Columns} FROM grain_directory WHERE silo_id = $silo_id ORDER BY grain_id;");
            if (siloId is not null)
            {
                command.Parameters.AddWithValue("$silo_id", siloId);
            }
            using var reader = command.ExecuteReader();
            var entries = new List<DirectoryEntry>();
            while (reader.Read())
            {
                entries.Add(ReadEntry(reader));
            }
            return entries;
        }, cancellationToken);

    private static DirectoryEntry? Lookup(SqliteConnection connection, string grainId)
    {
        using var command = SqliteDatabase.Command(connection, $"SELECT {Columns} FROM grain_directory WHERE grain_id = $grain_id;");
        command.Parameters.AddWithValue("$grain_id", grainId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    private static DirectoryEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt64(4));
}

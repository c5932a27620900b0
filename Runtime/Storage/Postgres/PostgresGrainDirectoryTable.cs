using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>The grain directory on PostgreSQL. A claim is one upsert: ON CONFLICT locks the row and its
/// WHERE judges the owner's liveness on the row's latest version, so exactly one concurrent claimer wins.</summary>
internal sealed class PostgresGrainDirectoryTable(NpgsqlDataSource dataSource, ILogger logger) : IGrainDirectoryTable
{
    private const string Columns = "grain_id, grain_type, silo_id, address, epoch";

    // Granted when the row is new, released, already ours, or its owner is not alive by the database clock.
    // The epoch grows on every change of owner and stays when the owner claims again.
    private const string ClaimSql = $"""
        INSERT INTO grain_directory AS d (grain_id, grain_type, silo_id, address, epoch, updated_at)
        VALUES (@grain_id, @grain_type, @silo_id, @address, 1, clock_timestamp())
        ON CONFLICT (grain_id) DO UPDATE SET
            grain_type = excluded.grain_type,
            silo_id = excluded.silo_id,
            address = excluded.address,
            epoch = CASE WHEN d.silo_id = excluded.silo_id THEN d.epoch ELSE d.epoch + 1 END,
            updated_at = excluded.updated_at
        WHERE d.silo_id IS NULL
           OR d.silo_id = excluded.silo_id
           OR NOT EXISTS (
                SELECT 1 FROM membership m
                WHERE m.silo_id = d.silo_id
                  AND m.status IN ('Joining', 'Active', 'ShuttingDown')
                  AND m.last_heartbeat >= clock_timestamp() - @death_timeout)
        RETURNING {Columns}
        """;

    private const int MaxClaimAttempts = 10;

    public Task<DirectoryEntry?> LookupAsync(string grainId, CancellationToken cancellationToken) => Lookup(grainId, cancellationToken);

    public async Task<ClaimResult> TryClaimAsync(string grainId, string grainType, string siloId, string address, TimeSpan deathTimeout, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using (var claim = dataSource.CreateCommand(ClaimSql))
            {
                claim.Parameters.AddWithValue("grain_id", grainId);
                claim.Parameters.AddWithValue("grain_type", grainType);
                claim.Parameters.AddWithValue("silo_id", siloId);
                claim.Parameters.AddWithValue("address", address);
                claim.Parameters.AddWithValue("death_timeout", deathTimeout);
                await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new ClaimResult(true, ReadEntry(reader));
                }
            }
            // Refused: report the owner. Read after the claim, so it may have changed since; only a live other
            // owner is a valid refusal, anything else means "try again".
            var current = await Lookup(grainId, cancellationToken).ConfigureAwait(false);
            if (current is { SiloId: not null } && current.SiloId != siloId)
            {
                return new ClaimResult(false, current);
            }
            if (attempt >= MaxClaimAttempts)
            {
                throw new InvalidOperationException($"Claim of grain {grainId} kept racing with other writers after {attempt} attempts");
            }
            StorageLog.ClaimRaced(logger, grainId, attempt);
        }
    }

    public async Task ReleaseAsync(string grainId, FenceToken fence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE grain_directory SET silo_id = NULL, address = NULL, updated_at = clock_timestamp()
            WHERE grain_id = @grain_id AND silo_id = @silo_id AND epoch = @epoch
            """);
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("silo_id", fence.SiloId);
        command.Parameters.AddWithValue("epoch", fence.Epoch);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DirectoryEntry>> ListOwnedAsync(string? siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(siloId is null
            ? $"SELECT {Columns} FROM grain_directory WHERE silo_id IS NOT NULL ORDER BY grain_id"
            : $"SELECT {Columns} FROM grain_directory WHERE silo_id = @silo_id ORDER BY grain_id");
        if (siloId is not null)
        {
            command.Parameters.AddWithValue("silo_id", siloId);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<DirectoryEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }
        return entries;
    }

    private async Task<DirectoryEntry?> Lookup(string grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM grain_directory WHERE grain_id = @grain_id");
        command.Parameters.AddWithValue("grain_id", grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadEntry(reader) : null;
    }

    private static DirectoryEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetInt64(4));
}

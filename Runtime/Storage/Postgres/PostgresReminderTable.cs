using Npgsql;

namespace Cluster.Runtime.Storage.Postgres;

/// <summary>Durable reminders on PostgreSQL (start as timestamptz, period in ms).</summary>
internal sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Select = "SELECT grain_id, name, start_at, period_ms FROM reminders";

    public async Task UpsertAsync(GrainReminder reminder, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO reminders (grain_id, name, start_at, period_ms) VALUES (@grain_id, @name, @start_at, @period_ms)
            ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms
            """);
        command.Parameters.AddWithValue("grain_id", reminder.GrainId);
        command.Parameters.AddWithValue("name", reminder.Name);
        // timestamptz takes UTC only; milliseconds are the precision both providers keep.
        command.Parameters.AddWithValue("start_at", DateTimeOffset.FromUnixTimeMilliseconds(reminder.StartAt.ToUnixTimeMilliseconds()));
        command.Parameters.AddWithValue("period_ms", (long)reminder.Period.TotalMilliseconds);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string grainId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM reminders WHERE grain_id = @grain_id AND name = @name");
        command.Parameters.AddWithValue("grain_id", grainId);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GrainReminder>> ReadForGrainAsync(string grainId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} WHERE grain_id = @grain_id ORDER BY name");
        command.Parameters.AddWithValue("grain_id", grainId);
        return await ReadReminders(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GrainReminder>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{Select} ORDER BY grain_id, name");
        return await ReadReminders(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<GrainReminder>> ReadReminders(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reminders = new List<GrainReminder>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reminders.Add(new GrainReminder(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                TimeSpan.FromMilliseconds(reader.GetInt64(3))));
        }
        return reminders;
    }
}

using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>Durable reminders on SQLite (start as unix ms, period in ms).</summary>
internal sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Select = "SELECT grain_id, name, start_at, period_ms FROM reminders";

    public Task UpsertAsync(GrainReminder reminder, CancellationToken cancellationToken) =>
        database.RunAsync("reminder upsert", connection =>
        {
            using var command = SqliteDatabase.Command(connection, """
                INSERT INTO reminders (grain_id, name, start_at, period_ms) VALUES ($grain_id, $name, $start_at, $period_ms)
                ON CONFLICT (grain_id, name) DO UPDATE SET start_at = excluded.start_at, period_ms = excluded.period_ms;
                """);
            command.Parameters.AddWithValue("$grain_id", reminder.GrainId);
            command.Parameters.AddWithValue("$name", reminder.Name);
            command.Parameters.AddWithValue("$start_at", reminder.StartAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$period_ms", (long)reminder.Period.TotalMilliseconds);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task RemoveAsync(string grainId, string name, CancellationToken cancellationToken) =>
        database.RunAsync("reminder remove", connection =>
        {
            using var command = SqliteDatabase.Command(connection, "DELETE FROM reminders WHERE grain_id = $grain_id AND name = $name;");
            command.Parameters.AddWithValue("$grain_id", grainId);
            command.Parameters.AddWithValue("$name", name);
            command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<GrainReminder>> ReadForGrainAsync(string grainId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<GrainReminder>>("reminder read", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"{Select} WHERE grain_id = $grain_id ORDER BY name;");
            command.Parameters.AddWithValue("$grain_id", grainId);
            return ReadReminders(command);
        }, cancellationToken);

    public Task<IReadOnlyList<GrainReminder>> ReadAllAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<GrainReminder>>("reminder read all", connection =>
        {
            using var command = SqliteDatabase.Command(connection, $"{Select} ORDER BY grain_id, name;");
            return ReadReminders(command);
        }, cancellationToken);

    private static List<GrainReminder> ReadReminders(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var reminders = new List<GrainReminder>();
        while (reader.Read())
        {
            reminders.Add(new GrainReminder(
                reader.GetString(0),
                reader.GetString(1),
                SqliteDatabase.FromUnixMs(reader.GetInt64(2)),
                TimeSpan.FromMilliseconds(reader.GetInt64(3))));
        }
        return reminders;
    }
}

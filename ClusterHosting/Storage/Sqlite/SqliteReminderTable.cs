using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Orleans' reminder table on SQLite (the table <c>cluster_reminders</c> of <see cref="SqliteClusterSchema"/>).
/// Orleans ships no SQLite reminder script, and its ADO.NET reminder table does not run on SQLite, hence our own; it
/// keeps the same contract: rows per service id, ring ranges by the grain id's uniform hash, a new ETag per upsert.</summary>
public sealed class SqliteReminderTable(IOptions<ClusterOptions> clusterOptions, IOptions<SqliteReminderOptions> options) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, etag";

    private readonly string serviceId = clusterOptions.Value.ServiceId;
    private readonly string connectionString = options.Value.ConnectionString;

    /// <summary>Checks that the database holds the reminder table, so that a missing schema stops the silo at start-up
    /// with a message that says so, rather than at the first reminder.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'cluster_reminders'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidOperationException(
                $"The SQLite database ({new SqliteConnectionStringBuilder(connectionString).DataSource}) has no reminder table: apply {nameof(SqliteClusterSchema)} before the silo starts");
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM cluster_reminders WHERE service_id = @service_id AND grain_id = @grain_id";
        command.With("service_id", serviceId).With("grain_id", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The rows whose grain hash lies in (<paramref name="begin"/>, <paramref name="end"/>]; when begin &gt;= end
    /// the range wraps past <see cref="uint.MaxValue"/>, and begin == end is the whole ring.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(uint, uint)"/>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var select = $"SELECT {Columns} FROM cluster_reminders WHERE service_id = @service_id";
        // Two index range scans for a wrapping range rather than one OR, which SQLite may answer with a full scan.
        command.CommandText = begin < end
            ? $"{select} AND grain_hash > @begin AND grain_hash <= @end"
            : $"{select} AND grain_hash > @begin UNION ALL {select} AND grain_hash <= @end";
        command.With("service_id", serviceId).With("begin", (long)begin).With("end", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM cluster_reminders WHERE service_id = @service_id AND grain_id = @grain_id AND reminder_name = @reminder_name";
        command.With("service_id", serviceId).With("grain_id", grainId.ToString()).With("reminder_name", reminderName);
        return (await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>Inserts or replaces the row and returns its new ETag (a fresh random value).</summary>
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <inheritdoc cref="UpsertRow(ReminderEntry)"/>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cluster_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
            VALUES (@service_id, @grain_id, @reminder_name, @grain_hash, @start_at, @period_ticks, lower(hex(randomblob(8))))
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
                SET grain_hash = excluded.grain_hash, start_at = excluded.start_at,
                    period_ticks = excluded.period_ticks, etag = excluded.etag
            RETURNING etag
            """;
        command.With("service_id", serviceId)
            .With("grain_id", entry.GrainId.ToString())
            .With("reminder_name", entry.ReminderName)
            .With("grain_hash", (long)entry.GrainId.GetUniformHashCode())
            .With("start_at", FormatUtc(entry.StartAt))
            .With("period_ticks", entry.Period.Ticks);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the row when its ETag is still <paramref name="eTag"/>; false when it is not (or there is no row).</summary>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <inheritdoc cref="RemoveRow(GrainId, string, string)"/>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM cluster_reminders
            WHERE service_id = @service_id AND grain_id = @grain_id AND reminder_name = @reminder_name AND etag = @etag
            """;
        command.With("service_id", serviceId).With("grain_id", grainId.ToString()).With("reminder_name", reminderName).With("etag", eTag);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Deletes this service's rows (other services sharing the database keep theirs).</summary>
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <inheritdoc cref="TestOnlyClearTable()"/>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cluster_reminders WHERE service_id = @service_id";
        command.With("service_id", serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(connectionString, cancellationToken);

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.ParseExact(reader.GetString(2), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }
        return entries;
    }

    // Orleans hands StartAt as UTC; an unspecified kind is taken as UTC too (as Orleans' ADO.NET table does).
    private static string FormatUtc(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc))
            .ToString("O", CultureInfo.InvariantCulture);
}

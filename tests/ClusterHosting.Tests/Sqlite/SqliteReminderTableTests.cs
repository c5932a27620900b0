using Cluster.Hosting.Storage.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    public async Task InitializeAsync() => database = await SqliteTestDatabase.CreateWithSchemaAsync();

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private SqliteReminderTable Table(string serviceId = "service") =>
        new(Options.Create(new ClusterOptions { ServiceId = serviceId }), Options.Create(new SqliteReminderOptions { ConnectionString = database.ConnectionString }));

    private static ReminderEntry Entry(string key, string name = "tick", int periodSeconds = 60) => new()
    {
        GrainId = GrainId.Create("probe", key),
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567),
        Period = TimeSpan.FromSeconds(periodSeconds).Add(TimeSpan.FromTicks(3)),
    };

    [Fact]
    public async Task An_upserted_row_reads_back_as_written_with_its_ETag()
    {
        var table = Table();
        await table.StartAsync();
        var entry = Entry("a");

        var etag = await table.UpsertRow(entry);

        var row = await table.ReadRow(entry.GrainId, "tick");
        Assert.NotNull(row);
        Assert.Equal(entry.GrainId, row.GrainId);
        Assert.Equal(entry.StartAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(entry.Period, row.Period);
        Assert.Equal(etag, row.ETag);
        Assert.Null(await table.ReadRow(entry.GrainId, "other"));
    }

    [Fact]
    public async Task Every_upsert_gives_a_new_ETag_and_a_stale_one_cannot_remove_the_row()
    {
        var table = Table();
        var entry = Entry("a");
        var first = await table.UpsertRow(entry);
        entry.Period = TimeSpan.FromMinutes(5);
        var second = await table.UpsertRow(entry);

        Assert.NotEqual(first, second);
        Assert.Equal(TimeSpan.FromMinutes(5), (await table.ReadRow(entry.GrainId, "tick"))!.Period);
        Assert.False(await table.RemoveRow(entry.GrainId, "tick", first!));
        Assert.True(await table.RemoveRow(entry.GrainId, "tick", second!));
        Assert.Null(await table.ReadRow(entry.GrainId, "tick"));
        Assert.False(await table.RemoveRow(entry.GrainId, "tick", second!));

        // An ETag from before the delete does not match the row added afterwards.
        var third = await table.UpsertRow(entry);
        Assert.False(await table.RemoveRow(entry.GrainId, "tick", second!));
        Assert.True(await table.RemoveRow(entry.GrainId, "tick", third!));
    }

    [Fact]
    public async Task Reads_a_grains_rows_and_only_its_own_services()
    {
        var table = Table();
        await table.UpsertRow(Entry("a", "one"));
        await table.UpsertRow(Entry("a", "two"));
        await table.UpsertRow(Entry("b", "one"));
        await Table("another-service").UpsertRow(Entry("a", "three"));

        var rows = await table.ReadRows(GrainId.Create("probe", "a"));

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.Equal(3, (await table.ReadRows(0u, 0u)).Reminders.Count);
    }

    [Fact]
    public async Task Range_reads_follow_the_ring_including_wrap_around()
    {
        var table = Table();
        var entries = Enumerable.Range(0, 60).Select(i => Entry($"grain-{i}")).ToList();
        foreach (var entry in entries) await table.UpsertRow(entry);
        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToList();
        uint median = hashes[30], low = hashes[10], high = hashes[50];

        (uint Begin, uint End)[] ranges =
        [
            (low, high),                      // plain: (begin, end]
            (high, low),                      // wraps past uint.MaxValue
            (median, median),                 // begin == end: the whole ring
            (0, uint.MaxValue),               // everything but hash 0
            (uint.MaxValue, 0),               // wraps: only hash 0
            (hashes[0], hashes[1]),           // exactly one row, the end is inclusive
            (hashes[59], hashes[0]),          // wraps: exactly the lowest row
        ];
        foreach (var (begin, end) in ranges)
        {
            var expected = entries.Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end)).Select(e => e.GrainId).Order().ToList();
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Order().ToList();
            Assert.Equal(expected, actual);
        }
        Assert.Equal(40, (await table.ReadRows(low, high)).Reminders.Count);
        Assert.Equal(20, (await table.ReadRows(high, low)).Reminders.Count);
        Assert.Equal(60, (await table.ReadRows(median, median)).Reminders.Count);
        Assert.Single((await table.ReadRows(hashes[0], hashes[1])).Reminders);
    }

    [Fact]
    public async Task Clearing_the_table_removes_this_services_rows_only()
    {
        var table = Table();
        var other = Table("another-service");
        await table.UpsertRow(Entry("a"));
        await other.UpsertRow(Entry("a"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0u, 0u)).Reminders);
        Assert.Single((await other.ReadRows(0u, 0u)).Reminders);
    }

    [Fact]
    public async Task Start_without_the_schema_says_what_is_missing()
    {
        using var empty = new SqliteTestDatabase();
        var table = new SqliteReminderTable(Options.Create(new ClusterOptions()), Options.Create(new SqliteReminderOptions { ConnectionString = empty.ConnectionString }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => table.StartAsync());
        Assert.Contains(nameof(SqliteClusterSchema), error.Message);
    }

    // Orleans' ring range: (begin, end], wrapping when begin >= end; begin == end is the whole ring.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}

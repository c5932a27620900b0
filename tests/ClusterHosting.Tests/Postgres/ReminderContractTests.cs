using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>Orleans' own ADO.NET reminder table (the class silos use) against our scripts: versions, and the ring-range
/// reads each silo makes for its share of the reminders.</summary>
[Trait("Category", "Postgres")]
public sealed class ReminderContractTests : IAsyncLifetime
{
    private FreshDatabase database = null!;
    private readonly List<ServiceProvider> providers = [];
    private IReminderTable table = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateWithSchemaAsync();
        table = await NewTableAsync("reminder-contract");
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Upserting_counts_versions_and_removing_needs_the_current_one()
    {
        var grain = GrainId.Create("pgreminder", "one");
        var etag0 = await table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        var etag1 = await table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(2)));
        Assert.Equal("0", etag0);
        Assert.Equal("1", etag1);

        var read = await table.ReadRow(grain, "a");
        Assert.NotNull(read);
        Assert.Equal(TimeSpan.FromMinutes(2), read.Period);
        Assert.Equal("1", read.ETag);
        Assert.Equal(grain, read.GrainId);
        Assert.Null(await table.ReadRow(grain, "b"));

        Assert.False(await table.RemoveRow(grain, "a", etag0!));
        Assert.True(await table.RemoveRow(grain, "a", etag1!));
        Assert.Null(await table.ReadRow(grain, "a"));
    }

    [Fact]
    public async Task Long_periods_and_start_times_survive_the_round_trip()
    {
        var grain = GrainId.Create("pgreminder", "long");
        var start = new DateTime(2030, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);
        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "yearly", StartAt = start, Period = TimeSpan.FromDays(365) });

        var read = await table.ReadRow(grain, "yearly");

        Assert.NotNull(read);
        Assert.Equal(TimeSpan.FromDays(365), read.Period);
        Assert.Equal(start, read.StartAt);
    }

    [Fact]
    public async Task A_grains_reminders_and_only_its_service_are_read()
    {
        var grain = GrainId.Create("pgreminder", "several");
        await table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(GrainId.Create("pgreminder", "other"), "a", TimeSpan.FromMinutes(1)));
        var otherService = await NewTableAsync("another-service");
        await otherService.UpsertRow(Entry(grain, "c", TimeSpan.FromMinutes(1)));

        var read = await table.ReadRows(grain);

        Assert.Equal(["a", "b"], read.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ring_ranges_return_exactly_the_reminders_whose_grain_hash_lies_in_them()
    {
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("pgreminder", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));
        }
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        // Plain and wrapping ranges, in unsigned and in signed order (Orleans picks the query by signed order),
        // ranges ending exactly on a grain's hash, and the whole ring.
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (uint.MaxValue, 0), (0x1000_0000, 0x7000_0000), (0x7000_0000, 0x9000_0000),
            (0x9000_0000, 0xF000_0000), (0xF000_0000, 0x1000_0000), (0x9000_0000, 0x1000_0000), (0x7FFF_FFFF, 0x8000_0000),
            (hashes[10], hashes[200]), (hashes[200], hashes[10]), (hashes[50], hashes[50]), (12345, 12345),
        };

        foreach (var (begin, end) in ranges)
        {
            var read = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal);
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(read), $"range ({begin:X8}, {end:X8}]");
        }
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = period,
    };

    private async Task<IReminderTable> NewTableAsync(string serviceId)
    {
        var collection = new ServiceCollection();
        collection.AddOptions();
        collection.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "reminder-contract";
            o.ServiceId = serviceId;
        });
        collection.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database.ConnectionString;
        }));
        var provider = collection.BuildServiceProvider();
        providers.Add(provider);
        var reminderTable = provider.GetRequiredService<IReminderTable>();
        await reminderTable.StartAsync(CancellationToken.None);
        return reminderTable;
    }
}

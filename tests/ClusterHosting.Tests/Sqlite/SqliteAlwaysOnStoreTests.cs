using Cluster.Hosting.Keeping;
using Cluster.Hosting.Keeping.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteAlwaysOnStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SqliteTestDatabase database = null!;
    private SqliteAlwaysOnStore store = null!;

    public async Task InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateWithSchemaAsync();
        store = new SqliteAlwaysOnStore(database.ConnectionString);
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Adding_and_removing_twice_is_the_same_as_once()
    {
        var entry = new AlwaysOnEntry("account/7", 7);

        await store.AddAsync(entry, None);
        await store.AddAsync(entry, None);
        Assert.Equal([entry], await store.ReadRangeAsync(0, 0, None));

        await store.RemoveAsync(entry.GrainId, None);
        await store.RemoveAsync(entry.GrainId, None);
        await store.RemoveAsync("never/added", None);
        Assert.Empty(await store.ReadRangeAsync(0, 0, None));
    }

    [Fact]
    public async Task Range_reads_are_begin_exclusive_end_inclusive_and_wrap()
    {
        uint[] hashes = [0, 1, 100, 1u << 31, uint.MaxValue - 1, uint.MaxValue];
        foreach (var hash in hashes) await store.AddAsync(new AlwaysOnEntry($"grain/{hash}", hash), None);

        Assert.Equal(new uint[] { 1u, 100u }, await HashesAsync(0, 100));
        Assert.Equal(new uint[] { 100u, 1u << 31 }, await HashesAsync(1, 1u << 31));
        Assert.Equal(new uint[] { 0u, 1u, uint.MaxValue - 1, uint.MaxValue }, await HashesAsync(1u << 31, 1));
        Assert.Equal(new uint[] { 0u }, await HashesAsync(uint.MaxValue, 0));
        Assert.Equal(new uint[] { uint.MaxValue }, await HashesAsync(uint.MaxValue - 1, uint.MaxValue));
        Assert.Equal(hashes, await HashesAsync(100, 100));           // begin == end: the whole ring
        Assert.Equal(hashes, await HashesAsync(0, 0));
        Assert.Equal(hashes.Skip(1), await HashesAsync(0, uint.MaxValue));
        Assert.Empty(await HashesAsync(2, 99));
    }

    [Fact]
    public async Task Ten_thousand_rows_split_into_ranges_are_each_read_exactly_once()
    {
        var random = new Random(20260131);
        var entries = Enumerable.Range(0, 10_000).Select(i => new AlwaysOnEntry($"account/{i}", (uint)random.NextInt64(0, 1L << 32))).ToList();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, ct) => await store.AddAsync(entry, ct));

        // Eight keepers, each with its part of the ring, the last one wrapping past uint.MaxValue to the first bound.
        var bounds = Enumerable.Range(0, 8).Select(i => (uint)(i * (1L << 29) + 12345)).ToArray();
        var read = new List<AlwaysOnEntry>();
        for (var i = 0; i < bounds.Length; i++)
        {
            read.AddRange(await store.ReadRangeAsync(bounds[i], bounds[(i + 1) % bounds.Length], None));
        }

        Assert.Equal(10_000, read.Count);
        Assert.Equal(entries.OrderBy(e => e.GrainId, StringComparer.Ordinal), read.OrderBy(e => e.GrainId, StringComparer.Ordinal));
        Assert.Equal(10_000, (await store.ReadRangeAsync(bounds[3], bounds[3], None)).Count);
    }

    private async Task<uint[]> HashesAsync(uint begin, uint end) =>
        (await store.ReadRangeAsync(begin, end, None)).Select(e => e.Hash).Order().ToArray();
}

using Cluster.Hosting.Keeping;
using Cluster.Hosting.Keeping.Postgres;

namespace Cluster.Hosting.Tests.Postgres;

[Trait("Category", "Postgres")]
public sealed class PostgresAlwaysOnStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private FreshDatabase database = null!;
    private PostgresAlwaysOnStore store = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateWithSchemaAsync();
        store = new PostgresAlwaysOnStore(database.DataSource);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Adding_and_removing_twice_is_the_same_as_once()
    {
        var entry = new AlwaysOnEntry("account/42", 1234);
        await store.AddAsync(entry, None);
        await store.AddAsync(entry, None);
        Assert.Equal([entry], await store.ReadRangeAsync(0, 0, None));

        await store.RemoveAsync(entry.GrainId, None);
        await store.RemoveAsync(entry.GrainId, None);
        await store.RemoveAsync("never/added", None);
        Assert.Empty(await store.ReadRangeAsync(0, 0, None));
    }

    [Fact]
    public async Task The_ring_ends_are_stored_as_they_are()
    {
        var entries = new[] { new AlwaysOnEntry("min", 0), new AlwaysOnEntry("max", uint.MaxValue), new AlwaysOnEntry("mid", 1u << 31) };
        foreach (var entry in entries)
        {
            await store.AddAsync(entry, None);
        }
        Assert.Equal(
            [4294967295L, 2147483648L, 0L],
            await database.ColumnAsync<long>("SELECT grain_hash FROM cluster_always_on ORDER BY grain_hash DESC"));
        Assert.Equal(entries.OrderBy(e => e.Hash), await store.ReadRangeAsync(uint.MaxValue, uint.MaxValue, None));
    }

    [Theory]
    [InlineData(100u, 300u, new[] { "c" })]                 // (100, 300]: begin excluded, end included
    [InlineData(99u, 100u, new[] { "b" })]
    [InlineData(0u, 300u, new[] { "b", "c" })]
    [InlineData(300u, 100u, new[] { "d", "e", "a", "b" })]  // wraps past uint.MaxValue, in ring order from begin
    [InlineData(uint.MaxValue, 0u, new[] { "a" })]          // wraps: only 0
    [InlineData(0u, uint.MaxValue, new[] { "b", "c", "d", "e" })]
    [InlineData(200u, 200u, new[] { "c", "d", "e", "a", "b" })] // begin == end: the whole ring, in ring order after begin
    [InlineData(0u, 0u, new[] { "b", "c", "d", "e", "a" })]
    public async Task Ranges_follow_Orleans_SingleRange(uint begin, uint end, string[] expected)
    {
        foreach (var (id, hash) in new[] { ("a", 0u), ("b", 100u), ("c", 300u), ("d", 3_000_000_000u), ("e", uint.MaxValue) })
        {
            await store.AddAsync(new AlwaysOnEntry(id, hash), None);
        }

        var read = await store.ReadRangeAsync(begin, end, None);

        Assert.Equal(expected, read.Select(e => e.GrainId));
    }

    [Fact]
    public async Task Ten_thousand_rows_read_by_range_return_only_the_range()
    {
        var random = new Random(20_240_601);
        var entries = Enumerable.Range(0, 10_000)
            .Select(i => new AlwaysOnEntry($"grain/{i}", (uint)random.NextInt64(0, 1L << 32)))
            .ToList();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (entry, token) => await store.AddAsync(entry, token));
        Assert.Equal(10_000L, await database.ScalarAsync<long>("SELECT count(*) FROM cluster_always_on"));

        // Eight keepers partition the ring; one range wraps past uint.MaxValue.
        var bounds = Enumerable.Range(0, 8).Select(i => (uint)(i * (1L << 29)) + 12345u).ToArray();
        var seen = new HashSet<string>();
        for (var i = 0; i < bounds.Length; i++)
        {
            var (begin, end) = (bounds[i], bounds[(i + 1) % bounds.Length]);
            var read = await store.ReadRangeAsync(begin, end, None);
            var expected = entries.Where(e => InRange(e.Hash, begin, end)).Select(e => e.GrainId).Order(StringComparer.Ordinal);
            Assert.Equal(expected, read.Select(e => e.GrainId).Order(StringComparer.Ordinal));
            Assert.All(read, e => Assert.True(seen.Add(e.GrainId), $"{e.GrainId} read by two ranges"));
        }
        Assert.Equal(10_000, seen.Count);
    }

    [Fact]
    public async Task A_range_read_uses_the_ring_index()
    {
        await database.ExecuteAsync(
            "INSERT INTO cluster_always_on (grain_id, grain_hash) SELECT 'g' || i, i::bigint * 400000 FROM generate_series(0, 9999) AS i");
        await database.ExecuteAsync("ANALYZE cluster_always_on");

        var plan = string.Join('\n', await database.ColumnAsync<string>(
            "EXPLAIN SELECT grain_id, grain_hash FROM cluster_always_on WHERE grain_hash > 1000 AND grain_hash <= 2000000"));

        Assert.Contains("cluster_always_on_ring", plan);
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}

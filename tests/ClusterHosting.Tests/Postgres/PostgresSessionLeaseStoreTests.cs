using Cluster.Hosting.Leases.Postgres;
using Npgsql;

namespace Cluster.Hosting.Tests.Postgres;

[Trait("Category", "Postgres")]
public sealed class PostgresSessionLeaseStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private FreshDatabase database = null!;
    private PostgresSessionLeaseStore store = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateWithSchemaAsync();
        store = new PostgresSessionLeaseStore(database.DataSource);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Of_two_owners_racing_for_a_free_lease_exactly_one_wins()
    {
        // Many rounds, each on a new key, each two owners on their own connections released at once.
        await using var sourceA = NpgsqlDataSource.Create(database.ConnectionString);
        await using var sourceB = NpgsqlDataSource.Create(database.ConnectionString);
        var a = new PostgresSessionLeaseStore(sourceA);
        var b = new PostgresSessionLeaseStore(sourceB);
        for (var round = 0; round < 25; round++)
        {
            var key = $"account:{round}";
            using var start = new Barrier(2);
            var grants = await Task.WhenAll(
                Task.Run(async () => { start.SignalAndWait(); return await a.TryAcquireAsync(key, "silo-a", Long, None); }),
                Task.Run(async () => { start.SignalAndWait(); return await b.TryAcquireAsync(key, "silo-b", Long, None); }));

            var winner = Assert.Single(grants, g => g.Granted);
            var loser = Assert.Single(grants, g => !g.Granted);
            Assert.Equal(winner.Holder, loser.Holder);
            Assert.Equal(winner.Holder, await database.ScalarAsync<string>("SELECT holder FROM cluster_session_lease WHERE session_key = $1", key));
        }
    }

    [Fact]
    public async Task Remaining_is_positive_and_at_most_the_duration()
    {
        var grant = await store.TryAcquireAsync("bot:1", "silo-a", Long, None);
        Assert.True(grant.Granted);
        Assert.Equal("silo-a", grant.Holder);
        Assert.InRange(grant.Remaining, Long - TimeSpan.FromSeconds(5), Long);

        var refused = await store.TryAcquireAsync("bot:1", "silo-b", Long, None);
        Assert.False(refused.Granted);
        Assert.Equal("silo-a", refused.Holder);
        Assert.InRange(refused.Remaining, TimeSpan.FromTicks(1), Long);
    }

    [Fact]
    public async Task Renewal_by_the_holder_extends_the_lease_and_keeps_when_it_was_taken()
    {
        Assert.True((await store.TryAcquireAsync("account:7", "silo-a", TimeSpan.FromSeconds(30), None)).Granted);
        var (acquired, expires) = await ReadTimesAsync("account:7");

        var renewed = await store.TryAcquireAsync("account:7", "silo-a", Long, None);

        Assert.True(renewed.Granted);
        Assert.True(renewed.Remaining > TimeSpan.FromSeconds(30), $"renewal left only {renewed.Remaining}");
        var (acquiredAfter, expiresAfter) = await ReadTimesAsync("account:7");
        Assert.Equal(acquired, acquiredAfter);
        Assert.True(expiresAfter > expires);
    }

    [Fact]
    public async Task Another_owner_is_refused_until_the_lease_runs_out_and_then_gets_it()
    {
        Assert.True((await store.TryAcquireAsync("account:8", "silo-a", Short, None)).Granted);

        var asked = DateTime.UtcNow;
        var refused = await store.TryAcquireAsync("account:8", "silo-b", Short, None);
        Assert.False(refused.Granted);
        Assert.Equal("silo-a", refused.Holder);
        Assert.InRange(refused.Remaining, TimeSpan.FromTicks(1), Short);

        // Ask until the database's clock says the lease ran out: not before the time the refusal said was left.
        LeaseGrantSnapshot last;
        do
        {
            await Task.Delay(100);
            var grant = await store.TryAcquireAsync("account:8", "silo-b", Long, None);
            last = new LeaseGrantSnapshot(grant.Granted, grant.Holder, DateTime.UtcNow - asked);
        }
        while (!last.Granted && last.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(last.Granted, "silo-b never got the lease after silo-a's ran out");
        Assert.Equal("silo-b", last.Holder);
        Assert.True(last.Elapsed >= refused.Remaining - TimeSpan.FromMilliseconds(5), $"granted after {last.Elapsed}, before the lease ran out");
        // And now silo-a is the one refused.
        var old = await store.TryAcquireAsync("account:8", "silo-a", Short, None);
        Assert.False(old.Granted);
        Assert.Equal("silo-b", old.Holder);
    }

    [Fact]
    public async Task Release_frees_the_lease_at_once_but_only_for_its_holder()
    {
        Assert.True((await store.TryAcquireAsync("bot:2", "silo-a", Long, None)).Granted);

        await store.ReleaseAsync("bot:2", "silo-b", None);
        Assert.False((await store.TryAcquireAsync("bot:2", "silo-b", Long, None)).Granted);

        await store.ReleaseAsync("bot:2", "silo-a", None);
        var grant = await store.TryAcquireAsync("bot:2", "silo-b", Long, None);
        Assert.True(grant.Granted);
        Assert.Equal("silo-b", grant.Holder);

        // Releasing a lease nobody holds is fine.
        await store.ReleaseAsync("bot:never", "silo-a", None);
    }

    [Fact]
    public async Task Nonsense_requests_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireAsync("k", "o", TimeSpan.Zero, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireAsync("", "o", Long, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireAsync("k", "", Long, None));
    }

    private async Task<(DateTime Acquired, DateTime Expires)> ReadTimesAsync(string key)
    {
        var acquired = await database.ScalarAsync<DateTime>("SELECT acquired_at FROM cluster_session_lease WHERE session_key = $1", key);
        var expires = await database.ScalarAsync<DateTime>("SELECT expires_at FROM cluster_session_lease WHERE session_key = $1", key);
        return (acquired, expires);
    }

    private readonly record struct LeaseGrantSnapshot(bool Granted, string? Holder, TimeSpan Elapsed);
}

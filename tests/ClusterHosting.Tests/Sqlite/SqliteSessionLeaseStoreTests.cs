using System.Diagnostics;
using Cluster.Hosting.Leases;
using Cluster.Hosting.Leases.Sqlite;
using Cluster.Hosting.Tests.Sqlite.Support;

namespace Cluster.Hosting.Tests.Sqlite;

public sealed class SqliteSessionLeaseStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WallClockSlack = TimeSpan.FromMilliseconds(100);
    private SqliteTestDatabase database = null!;
    private SqliteSessionLeaseStore store = null!;

    public async Task InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateWithSchemaAsync();
        store = new SqliteSessionLeaseStore(database.ConnectionString);
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Of_two_owners_racing_for_a_free_session_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var session = $"account:{round}";
            // Two stores, as two silos would have; each request on its own connection.
            var other = new SqliteSessionLeaseStore(database.ConnectionString + ";Pooling=False");
            var grants = await Task.WhenAll(
                Task.Run(() => store.TryAcquireAsync(session, "silo-a", TimeSpan.FromMinutes(1), None)),
                Task.Run(() => other.TryAcquireAsync(session, "silo-b", TimeSpan.FromMinutes(1), None)));

            var winner = Assert.Single(grants, g => g.Granted);
            var loser = Assert.Single(grants, g => !g.Granted);
            Assert.Equal(winner.Holder, loser.Holder);
            Assert.InRange(loser.Remaining, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task The_holder_renews_its_lease()
    {
        // Generous timings: the machine may be loaded; only the order of events matters.
        var duration = TimeSpan.FromSeconds(3);
        var first = await store.TryAcquireAsync("bot:1", "silo-a", duration, None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var renewal = await store.TryAcquireAsync("bot:1", "silo-a", duration, None);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the first lease's end, within the renewal

        var rival = await store.TryAcquireAsync("bot:1", "silo-b", duration, None);

        Assert.True(first.Granted);
        Assert.Equal(new LeaseGrant(true, "silo-a", duration), renewal);
        Assert.False(rival.Granted);
        Assert.Equal("silo-a", rival.Holder);
        // What is left is the renewal's, not a fresh lease's: at most the 1.5 s the renewal had left when the rival came,
        // plus a little, because the delay runs on the monotonic timer while SQLite reads the wall clock.
        Assert.InRange(rival.Remaining, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1.5) + WallClockSlack);
    }

    [Fact]
    public async Task Another_owner_is_refused_until_the_lease_runs_out()
    {
        var stopwatch = Stopwatch.StartNew();
        Assert.True((await store.TryAcquireAsync("account:9", "silo-a", OneSecond, None)).Granted);

        var refusal = await store.TryAcquireAsync("account:9", "silo-b", OneSecond, None);
        Assert.False(refusal.Granted);
        Assert.Equal("silo-a", refusal.Holder);
        Assert.InRange(refusal.Remaining, TimeSpan.FromMilliseconds(1), OneSecond);

        var grant = refusal;
        while (!grant.Granted && stopwatch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
            grant = await store.TryAcquireAsync("account:9", "silo-b", OneSecond, None);
        }

        Assert.True(grant.Granted);
        Assert.Equal("silo-b", grant.Holder);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it()
    {
        Assert.True((await store.TryAcquireAsync("account:3", "silo-a", TimeSpan.FromMinutes(1), None)).Granted);

        await store.ReleaseAsync("account:3", "silo-b", None); // not the holder: no effect
        Assert.False((await store.TryAcquireAsync("account:3", "silo-b", TimeSpan.FromMinutes(1), None)).Granted);

        await store.ReleaseAsync("account:3", "silo-a", None);
        Assert.True((await store.TryAcquireAsync("account:3", "silo-b", TimeSpan.FromMinutes(1), None)).Granted);
        await store.ReleaseAsync("never:held", "silo-a", None);
    }

    [Fact]
    public async Task A_lease_needs_a_positive_duration()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireAsync("account:1", "silo-a", TimeSpan.Zero, None));
    }
}

using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>What the grain directory promises on every provider: one owner at a time, epochs that only grow.</summary>
public abstract class GrainDirectoryTableContract(string provider) : StorageTestBase(provider)
{
    private Task<ClaimResult> Claim(string grainId, string siloId, IClusterStorage? storage = null) =>
        (storage ?? Storage).Directory.TryClaimAsync(grainId, "Account", siloId, $"http://{siloId}:5000", DeathTimeout, None);

    [Fact]
    public async Task Claim_of_a_free_grain_is_granted_at_epoch_1()
    {
        await RegisterAsync("silo-1");

        var result = await Claim("account/1", "silo-1");

        Assert.True(result.Granted);
        Assert.Equal(new DirectoryEntry("account/1", "Account", "silo-1", "http://silo-1:5000", 1), result.Entry);
        Assert.Equal(result.Entry, await Storage.Directory.LookupAsync("account/1", None));
    }

    [Fact]
    public async Task Claim_is_refused_while_a_live_owner_holds_the_grain()
    {
        await RegisterAsync("silo-1", "silo-2");
        await Claim("account/1", "silo-1");

        var result = await Claim("account/1", "silo-2");

        Assert.False(result.Granted);
        Assert.Equal(("silo-1", 1L), (result.Entry.SiloId, result.Entry.Epoch));
        Assert.Equal("silo-1", (await Storage.Directory.LookupAsync("account/1", None))?.SiloId);
    }

    [Fact]
    public async Task Owner_claiming_again_is_granted_with_the_same_epoch()
    {
        await RegisterAsync("silo-1");
        await Claim("account/1", "silo-1");

        var again = await Claim("account/1", "silo-1");

        Assert.True(again.Granted);
        Assert.Equal(1, again.Entry.Epoch);
    }

    [Theory]
    [InlineData("dead")]
    [InlineData("left")]
    [InlineData("silent")]
    [InlineData("unregistered")]
    public async Task Claim_takes_over_from_an_owner_that_is_not_alive_with_the_next_epoch(string ownerFate)
    {
        await RegisterAsync("silo-2");
        if (ownerFate != "unregistered")
        {
            await RegisterAsync("silo-1");
        }
        await Claim("account/1", "silo-1");
        switch (ownerFate)
        {
            case "dead": await Storage.Membership.SetStatusAsync("silo-1", SiloStatus.Dead, None); break;
            case "left": await Storage.Membership.SetStatusAsync("silo-1", SiloStatus.Left, None); break;
            case "silent": await Database.BackdateHeartbeatAsync("silo-1", DeathTimeout + TimeSpan.FromSeconds(5)); break;
        }

        var result = await Claim("account/1", "silo-2");

        Assert.True(result.Granted);
        Assert.Equal(("silo-2", "http://silo-2:5000", 2L), (result.Entry.SiloId, result.Entry.Address, result.Entry.Epoch));
    }

    [Fact]
    public async Task A_silent_owner_within_the_death_timeout_keeps_the_grain()
    {
        await RegisterAsync("silo-1", "silo-2");
        await Claim("account/1", "silo-1");
        await Database.BackdateHeartbeatAsync("silo-1", DeathTimeout - TimeSpan.FromSeconds(10));

        Assert.False((await Claim("account/1", "silo-2")).Granted);
    }

    [Fact]
    public async Task Release_keeps_the_row_and_the_epoch_never_decreases()
    {
        await RegisterAsync("silo-1", "silo-2");
        var first = await Claim("account/1", "silo-1");

        await Storage.Directory.ReleaseAsync("account/1", new FenceToken("silo-1", first.Entry.Epoch), None);
        var released = await Storage.Directory.LookupAsync("account/1", None);
        var second = await Claim("account/1", "silo-2");
        await Storage.Directory.ReleaseAsync("account/1", new FenceToken("silo-1", first.Entry.Epoch), None);
        var afterStaleRelease = await Storage.Directory.LookupAsync("account/1", None);
        await Storage.Directory.ReleaseAsync("account/1", new FenceToken("silo-2", second.Entry.Epoch), None);
        var third = await Claim("account/1", "silo-1");

        Assert.Equal(new DirectoryEntry("account/1", "Account", null, null, 1), released);
        Assert.Equal(2, second.Entry.Epoch);
        Assert.Equal(("silo-2", 2L), (afterStaleRelease?.SiloId, afterStaleRelease?.Epoch));
        Assert.Equal(("silo-1", 3L), (third.Entry.SiloId, third.Entry.Epoch));
    }

    [Fact]
    public async Task ListOwned_returns_the_grains_of_one_silo_or_of_all()
    {
        await RegisterAsync("silo-1", "silo-2");
        await Claim("account/1", "silo-1");
        await Claim("account/2", "silo-2");
        var released = await Claim("account/3", "silo-1");
        await Storage.Directory.ReleaseAsync("account/3", new FenceToken("silo-1", released.Entry.Epoch), None);
        await Claim("account/4", "silo-1");

        var ofSilo1 = await Storage.Directory.ListOwnedAsync("silo-1", None);
        var all = await Storage.Directory.ListOwnedAsync(null, None);

        Assert.Equal(["account/1", "account/4"], ofSilo1.Select(e => e.GrainId));
        Assert.Equal(["account/1", "account/2", "account/4"], all.Select(e => e.GrainId));
    }

    [Fact]
    public async Task Concurrent_claims_from_separate_connections_have_exactly_one_winner()
    {
        const int claimers = 12;
        var silos = Enumerable.Range(1, claimers).Select(i => $"silo-{i}").ToArray();
        await RegisterAsync(silos);
        // One storage per claimer: separate connection pools, as separate silo processes have.
        var storages = silos.Select(_ => Database.CreateStorage()).ToArray();

        for (var round = 0; round < 3; round++)
        {
            var grainId = $"account/{round}";
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var claims = Enumerable.Range(0, claimers).Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await Claim(grainId, silos[i], storages[i]);
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(claims);

            var winner = Assert.Single(results, r => r.Granted);
            Assert.Equal(1, winner.Entry.Epoch);
            Assert.All(results.Where(r => !r.Granted), r => Assert.Equal(winner.Entry.SiloId, r.Entry.SiloId));
            Assert.Equal(winner.Entry, await Storage.Directory.LookupAsync(grainId, None));
        }
    }

    [Fact]
    public async Task Concurrent_take_overs_of_a_dead_owners_grain_have_exactly_one_winner()
    {
        const int claimers = 12;
        var silos = Enumerable.Range(1, claimers).Select(i => $"silo-{i}").ToArray();
        await RegisterAsync([.. silos, "doomed"]);
        await Claim("account/1", "doomed");
        await Storage.Membership.SetStatusAsync("doomed", SiloStatus.Dead, None);
        var storages = silos.Select(_ => Database.CreateStorage()).ToArray();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, claimers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Claim("account/1", silos[i], storages[i]);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.Granted);
        Assert.Equal(2, winner.Entry.Epoch);
        Assert.All(results.Where(r => !r.Granted), r => Assert.Equal(winner.Entry.SiloId, r.Entry.SiloId));
    }
}

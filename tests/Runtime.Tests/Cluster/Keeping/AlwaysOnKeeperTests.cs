using Cluster.Runtime.Keeping;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Keeping;

public sealed class AlwaysOnKeeperTests
{
    [Fact]
    public async Task Grains_of_a_dead_silo_are_activated_once_each_and_split_among_the_survivors()
    {
        var storage = new InMemoryClusterStorage();
        for (var i = 0; i < 300; i++) await storage.AlwaysOn.AddAsync($"acct/{i}", "acct", CancellationToken.None);
        // The first 100 are held by a silo that is now dead, the next 100 by a live one, the rest by nobody.
        for (var i = 0; i < 100; i++) await storage.Directory.TryClaimAsync($"acct/{i}", "acct", "dead", "http://dead:1", TimeSpan.FromSeconds(3), CancellationToken.None);
        for (var i = 100; i < 200; i++) await storage.Directory.TryClaimAsync($"acct/{i}", "acct", "a", "http://a:1", TimeSpan.FromSeconds(3), CancellationToken.None);
        await storage.Membership.RegisterAsync("a", "http://a:1", "a", CancellationToken.None);
        await storage.Membership.RegisterAsync("b", "http://b:1", "b", CancellationToken.None);

        var silos = new[] { FakeMembership.Silo("a"), FakeMembership.Silo("b"), FakeMembership.Silo("dead", status: SiloStatus.Dead) };
        var routers = new List<FakeRouter>();
        var keepers = new List<AlwaysOnKeeper>();
        foreach (var id in new[] { "a", "b" })
        {
            var membership = new FakeMembership(id);
            membership.SetSilos(silos);
            var router = new FakeRouter(storage, id);
            routers.Add(router);
            keepers.Add(new AlwaysOnKeeper(storage, membership, router, Options.Create(new AlwaysOnOptions()), NullLogger<AlwaysOnKeeper>.Instance));
        }
        await Task.WhenAll(keepers.Select(k => k.RunRoundAsync(CancellationToken.None)));

        var activated = routers.SelectMany(r => r.Activated).Select(g => int.Parse(g.Key)).ToList();
        Assert.Equal(200, activated.Count);
        Assert.Equal(activated.Count, activated.Distinct().Count());
        Assert.DoesNotContain(activated, i => i is >= 100 and < 200);
        Assert.All(routers, r => Assert.InRange(r.Activated.Count, 60, 140));

        // Nothing is left to do: a second round activates nothing.
        var again = await Task.WhenAll(keepers.Select(k => k.RunRoundAsync(CancellationToken.None)));
        Assert.Equal(0, again.Sum());
    }

    [Fact]
    public async Task A_fenced_or_inactive_silo_keeps_nothing()
    {
        var storage = new InMemoryClusterStorage();
        await storage.AlwaysOn.AddAsync("acct/1", "acct", CancellationToken.None);
        var membership = new FakeMembership("a");
        membership.SetSilos(FakeMembership.Silo("a", status: SiloStatus.ShuttingDown));
        var keeper = new AlwaysOnKeeper(storage, membership, new FakeRouter(storage, "a"), Options.Create(new AlwaysOnOptions()), NullLogger<AlwaysOnKeeper>.Instance);
        Assert.Equal(0, await keeper.RunRoundAsync(CancellationToken.None));
        membership.SetSilos(FakeMembership.Silo("a"));
        membership.IsFenced = true;
        Assert.Equal(0, await keeper.RunRoundAsync(CancellationToken.None));
        membership.IsFenced = false;
        Assert.Equal(1, await keeper.RunRoundAsync(CancellationToken.None));
    }
}

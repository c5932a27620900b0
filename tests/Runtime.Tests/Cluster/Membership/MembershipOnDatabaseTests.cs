using Cluster.Runtime.Keeping;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Membership;

/// <summary>Membership and the keeper over the real SQL storages (one storage per silo, as separate processes).</summary>
public abstract class MembershipOnDatabaseTests(string provider)
{
    [Fact]
    public async Task Silos_see_each_other_a_silent_one_dies_and_the_survivor_takes_its_always_on_grains()
    {
        await using var database = await TestDatabases.CreateAsync(provider);
        var a = MembershipFactory.Create(database.CreateStorage(), MembershipFactory.ShortTimings("a"));
        var b = MembershipFactory.Create(database.CreateStorage(), MembershipFactory.ShortTimings("b"));
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await MembershipFactory.WaitUntilAsync(() => a.View.Active.Count() == 2 && b.View.Active.Count() == 2, TimeSpan.FromSeconds(10), "both see two active silos");

        for (var i = 0; i < 50; i++) await database.Storage.AlwaysOn.AddAsync($"acct/{i}", "acct", CancellationToken.None);
        var routerA = new FakeRouter(database.Storage, "a");
        var routerB = new FakeRouter(database.Storage, "b");
        var keeperA = new AlwaysOnKeeper(database.Storage, a, routerA, Options.Create(new AlwaysOnOptions()), NullLogger<AlwaysOnKeeper>.Instance);
        var keeperB = new AlwaysOnKeeper(database.Storage, b, routerB, Options.Create(new AlwaysOnOptions()), NullLogger<AlwaysOnKeeper>.Instance);
        await Task.WhenAll(keeperA.RunRoundAsync(CancellationToken.None), keeperB.RunRoundAsync(CancellationToken.None));
        Assert.Equal(50, routerA.Activated.Count + routerB.Activated.Count);
        Assert.NotEmpty(routerB.Activated);

        // b goes silent (as if killed): a declares it dead and takes its grains over.
        await b.LeaveAsyncWithoutStatus();
        await MembershipFactory.WaitUntilAsync(() => a.View.Active.Count() == 1, TimeSpan.FromSeconds(15), "a sees b dead");
        await keeperA.RunRoundAsync(CancellationToken.None);
        var owned = await database.Storage.Directory.ListOwnedAsync(null, CancellationToken.None);
        Assert.Equal(50, owned.Count(e => e.SiloId == "a"));
        await a.StopAsync(CancellationToken.None);
    }
}

public sealed class SqliteMembershipOnDatabaseTests() : MembershipOnDatabaseTests(TestDatabases.Sqlite);

[Trait("Category", "Postgres")]
public sealed class PostgresMembershipOnDatabaseTests() : MembershipOnDatabaseTests(TestDatabases.Postgres);

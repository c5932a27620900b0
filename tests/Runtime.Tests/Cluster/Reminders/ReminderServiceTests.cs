using Cluster.Runtime.Reminders;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Reminders;

public sealed class ReminderServiceTests
{
    [Fact]
    public async Task Each_reminder_ticks_on_exactly_one_silo_and_moves_to_a_survivor_when_its_owner_is_lost()
    {
        var storage = new InMemoryClusterStorage();
        for (var i = 0; i < 10; i++)
            await storage.Reminders.UpsertAsync(new GrainReminder($"t/{i}", "r", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(200)), CancellationToken.None);
        var options = Options.Create(new ReminderOptions { RefreshInterval = TimeSpan.FromMilliseconds(100) });
        var memberships = new[] { new FakeMembership("a"), new FakeMembership("b") };
        var routers = memberships.Select(m => new FakeRouter(storage, m.LocalSiloId)).ToArray();
        var services = memberships.Select((m, i) => new ReminderService(storage, m, routers[i], options, TimeProvider.System, NullLogger<ReminderService>.Instance)).ToArray();
        foreach (var m in memberships) m.SetSilos(FakeMembership.Silo("a"), FakeMembership.Silo("b"));
        foreach (var s in services) await s.StartAsync(CancellationToken.None);

        await MembershipFactory.WaitUntilAsync(() => routers.Sum(r => r.Ticks.Count) >= 30, TimeSpan.FromSeconds(10), "ticks arrive");
        Assert.Equal(10, services.Sum(s => s.OwnedCount));
        var byA = routers[0].Ticks.Select(t => t.Grain).ToHashSet();
        var byB = routers[1].Ticks.Select(t => t.Grain).ToHashSet();
        Assert.Empty(byA.Intersect(byB));
        Assert.NotEmpty(byA);
        Assert.NotEmpty(byB);

        // b is lost: a takes over every reminder.
        memberships[0].SetSilos(FakeMembership.Silo("a"), FakeMembership.Silo("b", status: SiloStatus.Dead));
        await services[1].StopAsync(CancellationToken.None);
        await MembershipFactory.WaitUntilAsync(() => services[0].OwnedCount == 10, TimeSpan.FromSeconds(5), "a owns every reminder");
        var before = routers[0].Ticks.Count;
        await MembershipFactory.WaitUntilAsync(() => routers[0].Ticks.Skip(before).Select(t => t.Grain).Distinct().Count() == 10, TimeSpan.FromSeconds(5), "a ticks every reminder");
        await services[0].StopAsync(CancellationToken.None);
    }
}

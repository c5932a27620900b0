using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Cluster.Fakes;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Cluster.Membership;

public sealed class SiloMembershipTests
{
    [Fact]
    public async Task Two_silos_see_each_other_active()
    {
        var storage = new InMemoryClusterStorage();
        var a = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("a"));
        var b = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("b"));
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await MembershipFactory.WaitUntilAsync(() => a.View.Active.Count() == 2, TimeSpan.FromSeconds(5), "a sees two active silos");
        Assert.Equal(["a", "b"], a.View.Active.Select(s => s.SiloId).Order());
        await a.StopAsync(CancellationToken.None);
        await b.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_silent_silo_is_declared_dead_and_a_graceful_one_leaves()
    {
        var storage = new InMemoryClusterStorage();
        var a = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("a"));
        var b = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("b"));
        var c = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("c"));
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await c.StartAsync(CancellationToken.None);

        storage.SetUnreachable("b", true);
        await c.StoppingAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.ShuttingDown, c.View.Silos.Single(s => s.SiloId == "c").Status);
        await c.StopAsync(CancellationToken.None);

        await MembershipFactory.WaitUntilAsync(() => a.View.Silos.SingleOrDefault(s => s.SiloId == "b")?.Status == SiloStatus.Dead, TimeSpan.FromSeconds(5), "b is dead");
        await MembershipFactory.WaitUntilAsync(() => a.View.Silos.SingleOrDefault(s => s.SiloId == "c")?.Status == SiloStatus.Left, TimeSpan.FromSeconds(5), "c has left");
        Assert.Equal(["a"], a.View.Active.Select(s => s.SiloId));
        await a.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_silo_cut_from_the_database_fences_itself_before_others_see_it_dead()
    {
        var storage = new InMemoryClusterStorage();
        var survivor = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("survivor"));
        var isolated = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("isolated"));
        await survivor.StartAsync(CancellationToken.None);
        await isolated.StartAsync(CancellationToken.None);
        await MembershipFactory.WaitUntilAsync(() => survivor.View.Active.Count() == 2, TimeSpan.FromSeconds(5), "two active silos");

        SiloStatus? statusSeenBySurvivorWhenFenced = null;
        var fencedOnce = 0;
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        isolated.Fenced += () =>
        {
            Interlocked.Increment(ref fencedOnce);
            // What another silo may conclude right now, by the database clock: the grains must not be claimable yet.
            var row = storage.Membership.ReadAllAsync(CancellationToken.None).Result;
            var entry = row.Silos.Single(s => s.SiloId == "isolated");
            statusSeenBySurvivorWhenFenced = row.DatabaseNow - entry.LastHeartbeat > survivor.Options.DeathTimeout ? SiloStatus.Dead : entry.Status;
            handled.TrySetResult();
        };
        storage.SetUnreachable("isolated", true);

        // IsFenced turns true before the Fenced handlers run (on the watchdog's thread): wait for the handler itself.
        await MembershipFactory.WaitUntilAsync(() => isolated.IsFenced, TimeSpan.FromSeconds(5), "the isolated silo fences itself");
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SiloStatus.Active, statusSeenBySurvivorWhenFenced);
        await MembershipFactory.WaitUntilAsync(() => survivor.View.Active.Count() == 1, TimeSpan.FromSeconds(5),
            () => "the survivor sees it dead; view: " + string.Join(", ", survivor.View.Silos.Select(s => $"{s.SiloId}={s.Status}@{s.LastHeartbeat:HH:mm:ss.fff}")) + $" now {survivor.View.DatabaseNow:HH:mm:ss.fff} fenced={survivor.FenceReason}\n" + string.Join("\n", MembershipFactory.Loggers["survivor"].Lines));
        Assert.Equal(1, fencedOnce);
        await survivor.StopAsync(CancellationToken.None);
        await isolated.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_silo_declared_dead_by_others_fences_itself()
    {
        var storage = new InMemoryClusterStorage();
        var silo = MembershipFactory.Create(storage, MembershipFactory.ShortTimings("a"));
        await silo.StartAsync(CancellationToken.None);
        await storage.Membership.SetStatusAsync("a", SiloStatus.Dead, CancellationToken.None);
        await MembershipFactory.WaitUntilAsync(() => silo.IsFenced, TimeSpan.FromSeconds(5), "the silo fences itself");
        await silo.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_death_timeout_not_longer_than_the_heartbeat_interval_is_refused_naming_both_settings()
    {
        var options = new MembershipOptions { HeartbeatInterval = TimeSpan.FromSeconds(2), DeathTimeout = TimeSpan.FromSeconds(2), Lease = TimeSpan.FromSeconds(1) };
        var result = new MembershipOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("DeathTimeout") && f.Contains("HeartbeatInterval"));
    }

    [Fact]
    public void A_lease_not_shorter_than_the_death_timeout_is_refused()
    {
        var options = new MembershipOptions { Lease = TimeSpan.FromSeconds(4), DeathTimeout = TimeSpan.FromSeconds(4) };
        var result = new MembershipOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Lease") && f.Contains("DeathTimeout"));
        Assert.True(new MembershipOptionsValidator().Validate(null, new MembershipOptions { Address = "http://x:1" }).Succeeded);
    }
}

using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.TestSiloApp;

namespace Cluster.Runtime.Tests.Cluster.Failover;

/// <summary>The runtime's guarantees proven with real silo processes on a real database: kill -9, partitions,
/// joins, rolling restarts, resource limits. Timings are short settings; bounds are generous for busy machines.</summary>
public abstract class FailoverTests(string provider)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Always_on_grains_of_a_killed_silo_are_active_on_the_survivors_and_never_ran_twice()
    {
        await using var cluster = await FailoverCluster.CreateAsync(provider);
        // The first silo registers the grains through IAlwaysOnRegistry.
        await cluster.StartSiloAsync("s0", new Dictionary<string, string> { ["TestSilo:AlwaysOnCount"] = "200" });
        var grains = Enumerable.Range(0, 200).Select(i => $"alwayson/g{i}").ToList();
        for (var i = 1; i < 3; i++) await cluster.StartSiloAsync($"s{i}");
        await FailoverCluster.WaitUntilAsync(async () => (await cluster.LiveOwnersAsync(grains)).Count == grains.Count, Bound, () => "every always-on grain is active\n" + cluster.Diagnostics());
        var before = await cluster.LiveOwnersAsync(grains);
        var victim = cluster.Silos[0];
        var onVictim = before.Where(o => o.Value == victim.SiloId).Select(o => o.Key).ToList();
        Assert.NotEmpty(onVictim);

        var killedAt = DateTime.UtcNow;
        victim.Kill();
        var survivors = cluster.Silos.Skip(1).Select(s => s.SiloId).ToList();
        // The configured bound: death timeout + a heartbeat to see it + a keeper round + activation, with slack for CI.
        var bound = FailoverCluster.DeathTimeout + FailoverCluster.HeartbeatInterval * 2 + FailoverCluster.KeeperInterval * 2 + TimeSpan.FromSeconds(10);
        await FailoverCluster.WaitUntilAsync(async () =>
        {
            var owners = await cluster.LiveOwnersAsync(grains);
            return owners.Count == grains.Count && owners.Values.All(survivors.Contains);
        }, bound, () => "every grain is active on a survivor\n" + cluster.Diagnostics());

        var log = ActivationLog.Read(cluster.RecordDirectory);
        Assert.Subset(log.RestartedOn(survivors, killedAt).ToHashSet(), onVictim.ToHashSet());
        Assert.Empty(log.Overlaps(silo => silo == victim.SiloId ? killedAt : null));
    }

    [Fact]
    public async Task A_joining_silo_receives_a_fair_share_and_nothing_moves_back_and_forth()
    {
        await using var cluster = await FailoverCluster.CreateAsync(provider);
        var grains = await cluster.RegisterAlwaysOnAsync(120);
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Placement:alwayson"] = "least-activations",
            ["Cluster:Rebalancing:Enabled"] = "true",
            ["Cluster:Rebalancing:Interval"] = "00:00:01",
            ["Cluster:Rebalancing:MaxMovesPerRound"] = "10",
        };
        await cluster.StartSiloAsync("s0", settings);
        await cluster.StartSiloAsync("s1", settings);
        await FailoverCluster.WaitUntilAsync(async () => (await cluster.LiveOwnersAsync(grains)).Count == grains.Count, Bound, () => "every grain is active\n" + cluster.Diagnostics());

        var (joiner, _) = await cluster.StartSiloAsync("s2", settings);
        // Fair: every silo within the stop tolerance of the mean (40), i.e. the rebalancer settled.
        await FailoverCluster.WaitUntilAsync(async () =>
        {
            var owners = await cluster.LiveOwnersAsync(grains);
            var counts = cluster.Silos.Select(s => owners.Values.Count(o => o == s.SiloId)).ToList();
            return owners.Count == grains.Count && counts.Max() - counts.Min() <= 8;
        }, TimeSpan.FromSeconds(60), () => "the load is even\n" + cluster.Diagnostics());
        var settledOwners = await cluster.LiveOwnersAsync(grains);
        Assert.InRange(settledOwners.Values.Count(o => o == joiner.SiloId), 32, 48);

        // Nothing flaps: once no grain has moved for a few seconds, nothing moves over several more rebalancing
        // rounds, and no grain ever went back to a silo it had left.
        await FailoverCluster.WaitUntilAsync(() => Task.FromResult(
                ActivationLog.Read(cluster.RecordDirectory).Activations.Max(a => a.Start) < DateTime.UtcNow.AddSeconds(-3)),
            TimeSpan.FromSeconds(40), () => "moves stop\n" + cluster.Diagnostics());
        var quietFrom = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var log = ActivationLog.Read(cluster.RecordDirectory);
        Assert.Equal(0, log.Activations.Count(a => a.Start > quietFrom));
        var backAndForth = log.Activations.GroupBy(a => a.GrainId)
            .Where(g => g.OrderBy(a => a.Start).Select(a => a.SiloId).ToList() is var path && path.Count != path.Distinct().Count())
            .Select(g => g.Key).ToList();
        Assert.Empty(backAndForth);
        Assert.Empty(log.Overlaps());
    }

    [Fact]
    public async Task Reminders_keep_ticking_after_the_silo_that_owned_them_is_killed()
    {
        await using var cluster = await FailoverCluster.CreateAsync(provider);
        var settings = new Dictionary<string, string> { ["Cluster:Reminders:RefreshInterval"] = "00:00:00.500" };
        await cluster.StartSiloAsync("s0", settings);
        await cluster.StartSiloAsync("s1", settings);
        var client = cluster.Client();
        var keys = Enumerable.Range(0, 10).Select(i => $"r{i}").ToList();
        foreach (var key in keys) await client.GetGrain<IReminderTestGrain>(key).StartReminderAsync(500);
        await FailoverCluster.WaitUntilAsync(() => Task.FromResult(
                ActivationLog.Read(cluster.RecordDirectory).ReminderTicks.Select(t => t.GrainId).Distinct().Count() == keys.Count),
            Bound, () => "every reminder ticks\n" + cluster.Diagnostics());

        // Kill a silo; once it is dead, every reminder (those it owned included) ticks on the survivor.
        var victim = cluster.Silos[0];
        victim.Kill();
        var dead = DateTime.UtcNow + FailoverCluster.DeathTimeout;
        await FailoverCluster.WaitUntilAsync(() => Task.FromResult(
                ActivationLog.Read(cluster.RecordDirectory).ReminderTicks.Where(t => t.At > dead + TimeSpan.FromSeconds(2)).Select(t => t.GrainId).Distinct().Count() == keys.Count),
            Bound, () => "every reminder ticks after the kill\n" + cluster.Diagnostics());
        var stored = await cluster.Storage.Reminders.ReadAllAsync(CancellationToken.None);
        Assert.Equal(keys.Count, stored.Count);
    }

    [Fact]
    public async Task A_rolling_restart_of_three_silos_fails_no_call()
    {
        await using var cluster = await FailoverCluster.CreateAsync(provider);
        for (var i = 0; i < 3; i++) await cluster.StartSiloAsync($"s{i}");
        var client = cluster.Client();
        var failures = new List<string>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var sequence = 0;
            while (!stop.IsCancellationRequested)
            {
                var grain = client.GetGrain<ICallTestGrain>($"k{(worker * 7 + sequence) % 40}");
                try { await grain.PingAsync(sequence++); Interlocked.Increment(ref calls); }
                catch (Exception ex) { lock (failures) failures.Add($"{ex.GetType().Name}: {ex.Message}"); }
                await Task.Delay(5);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var silo in cluster.Silos.ToList())
        {
            await silo.StopAsync(TimeSpan.FromSeconds(30));
            await cluster.StartSiloAsync(silo.Name + "r");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.True(calls > 100, $"only {calls} calls completed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls + failures.Count} calls failed: {string.Join("; ", failures.Distinct().Take(5))}\n{cluster.Diagnostics()}");
    }

    [Fact]
    public async Task Resource_aware_placement_never_exceeds_capacity_and_the_overflow_queue_drains_when_capacity_appears()
    {
        await using var cluster = await FailoverCluster.CreateAsync(provider);
        // Waiting in the overflow queue is part of a call: give calls time to wait for the third silo.
        var capacity = new Dictionary<string, string> { ["Cluster:Resources:Capacity:sessions"] = "4", ["Cluster:CallTimeout"] = "00:01:00" };
        await cluster.StartSiloAsync("s0", capacity);
        await cluster.StartSiloAsync("s1", capacity);
        var client = cluster.Client();
        var calls = Enumerable.Range(0, 11).Select(i => client.GetGrain<ISessionTestGrain>($"acct{i}").WhereAsync()).ToList();

        var maxSeen = 0;
        await FailoverCluster.WaitUntilAsync(async () =>
        {
            maxSeen = Math.Max(maxSeen, (await cluster.LoadsAsync()).Values.Select(l => l.ResourcesUsed.GetValueOrDefault("sessions")).DefaultIfEmpty().Max());
            return calls.Count(c => c.IsCompletedSuccessfully) == 8;
        }, Bound, () => "8 sessions are placed\n" + cluster.Diagnostics());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(8, calls.Count(c => c.IsCompletedSuccessfully));
        Assert.Empty(calls.Where(c => c.IsFaulted).Select(c => c.Exception!.InnerException!.Message));

        await cluster.StartSiloAsync("s2", capacity);
        await FailoverCluster.WaitUntilAsync(() => Task.FromResult(calls.All(c => c.IsCompleted)), Bound,
            () => $"the waiting sessions are placed ({calls.Count(c => c.IsCompletedSuccessfully)} done)\n" + cluster.Diagnostics());
        var where = calls.Select(c => c.Result).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(where.Values, count => Assert.InRange(count, 1, 4));
        Assert.Equal(3, where.Count);
        Assert.InRange(maxSeen, 0, 4);
    }
}

[Trait("Category", "Failover")]
public sealed class SqliteFailoverTests() : FailoverTests(TestDatabases.Sqlite);

[Trait("Category", "Failover")]
[Trait("Category", "Postgres")]
public sealed class PostgresFailoverTests() : FailoverTests(TestDatabases.Postgres)
{
    [Fact]
    public async Task A_silo_cut_from_the_database_stops_its_activations_before_another_silo_takes_them_over()
    {
        await using var cluster = await FailoverCluster.CreateAsync(TestDatabases.Postgres);
        var grains = await cluster.RegisterAlwaysOnAsync(100);
        var ticks = new Dictionary<string, string> { ["TestSilo:TickInterval"] = "00:00:00.100" };
        var (cut, proxy) = await cluster.StartSiloAsync("cut", ticks, throughProxy: true);
        await FailoverCluster.WaitUntilAsync(async () => (await cluster.LiveOwnersAsync(grains)).Count == grains.Count, TimeSpan.FromSeconds(30), () => "the first silo holds every grain\n" + cluster.Diagnostics());
        var (survivor, _) = await cluster.StartSiloAsync("survivor", ticks);

        var severedAt = DateTime.UtcNow;
        proxy!.Sever();
        await FailoverCluster.WaitUntilAsync(async () =>
        {
            var owners = await cluster.LiveOwnersAsync(grains);
            return owners.Count == grains.Count && owners.Values.All(o => o == survivor.SiloId);
        }, TimeSpan.FromSeconds(30), () => "the survivor holds every grain\n" + cluster.Diagnostics());

        // The cut silo fenced itself (and stopped its host), and no grain ever ran on both silos at once.
        await cut.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var log = ActivationLog.Read(cluster.RecordDirectory);
        Assert.Equal(grains.Count, log.RestartedOn([survivor.SiloId], severedAt).Count);
        var overlaps = log.Overlaps();
        Assert.True(overlaps.Count == 0, $"{overlaps.Count} overlapping activations, e.g. {overlaps.FirstOrDefault()}\n{cluster.Diagnostics()}");
        Assert.Contains("fenced itself", cut.Output);
    }
}

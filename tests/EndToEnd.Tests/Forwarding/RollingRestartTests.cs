using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Forwarding;

/// <summary>A rolling restart, as a deployment does it: each of 3 silos in turn is stopped gracefully (SIGTERM), a new one
/// started in its place and waited for until it is Active and every account is Active again, while an Orleans client keeps
/// calling grains (account and pair status) in a loop and the fleet forwards channel traffic. Not one client call may fail;
/// every pair must be right afterwards, the simulator must never have answered AUTH_KEY_DUPLICATED, and each stopped silo's
/// accounts must be Active elsewhere within 10 s.</summary>
[Trait("Category", "Failover")]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Accounts = 9;
    private const int Pairs = 18;
    private const int CallLoops = 4;
    private const double ActionsPerSecond = 0.3;
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Restarting_every_silo_in_turn_fails_no_client_call_and_loses_no_message()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(Silos, FleetChecks.SiloSettings, ["--no-limits"]);
        Log(clock, $"{Silos} silos ready");
        var (accounts, pairs) = await FleetChecks.BuildAsync(cluster, Accounts, Pairs);
        var accountIds = accounts.Select(a => a.AccountId).ToList();
        await FleetChecks.StartTrafficAsync(cluster, pairs, ActionsPerSecond);
        Log(clock, $"{Accounts} accounts and {Pairs} pairs configured, traffic started");

        // The client load: loops of status calls, each failure kept with when and what.
        using var stopCalls = new CancellationTokenSource();
        var calls = 0L;
        var failures = new ConcurrentQueue<string>();
        var slowest = TimeSpan.Zero;
        var loops = Enumerable.Range(0, CallLoops).Select(loop => Task.Run(async () =>
        {
            var random = new Random(loop);
            while (!stopCalls.IsCancellationRequested)
            {
                var account = accountIds[random.Next(accountIds.Count)];
                var pair = pairs[random.Next(pairs.Count)].PairId;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await cluster.Grains.GetGrain<IAccountGrain>(account).GetStatusAsync();
                    await cluster.Grains.GetGrain<IChannelPairGrain>(pair).GetStatusAsync();
                    Interlocked.Add(ref calls, 2);
                }
                catch (Exception e)
                {
                    failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {account}/{pair}: {e.GetType().Name}: {e.Message}");
                }
                var took = Stopwatch.GetElapsedTime(started);
                lock (failures) if (took > slowest) slowest = took;
                await Task.Delay(20);
            }
        })).ToList();

        var faults = new FaultRunner(cluster, accountIds, pairs, message => Log(clock, message));
        for (var slot = 0; slot < Silos; slot++)
        {
            var exitCode = 0;
            await faults.RunAsync(slot, $"graceful stop {slot + 1}", () => { cluster.BeginStop(slot); return Task.CompletedTask; },
                async () => exitCode = await cluster.WaitStoppedAsync(slot));
            Log(clock, $"slot {slot} exited with {exitCode}; {Interlocked.Read(ref calls)} calls so far, {failures.Count} failed");
            cluster.StartSilo(slot);
            await cluster.WaitReadyAsync(slot);
            await WaitAllActiveAsync(cluster, accountIds);
            Log(clock, $"slot {slot} back and Active, every account Active");
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await stopCalls.CancelAsync();
        await Task.WhenAll(loops);
        await cluster.Simulator.StopTrafficAsync();
        var traffic = await cluster.Simulator.TrafficAsync();
        Log(clock, $"traffic stopped: {traffic.Sum(t => t.Posted)} posted, {traffic.Sum(t => t.Edited)} edited, {traffic.Sum(t => t.Deleted)} deleted");

        var audits = await FleetChecks.DrainAsync(cluster, pairs, () => faults.Count, DrainTimeout, message => Log(clock, message));
        var counts = await cluster.Simulator.CallCountsAsync();
        var figures = await faults.Takeovers;
        foreach (var figure in figures) Log(clock, figure.ToString());
        Log(clock, $"client calls: {Interlocked.Read(ref calls)} succeeded, {failures.Count} failed, slowest {slowest.TotalSeconds:0.00} s; "
                   + $"audited: {audits.Count(a => a.Ok)} of {audits.Count} pairs right, {audits.Sum(a => a.DuplicatedSourceIds.Count)} source messages copied more than once; "
                   + $"AUTH_KEY_DUPLICATED answers: {counts.AuthKeyDuplicated}");

        var resent = cluster.ClientLog.Lines.Where(l => l.Contains("rejected before it ran", StringComparison.Ordinal)).ToList();
        Log(clock, $"client calls sent again after a rejection: {resent.Count}{string.Concat(resent.Take(20).Select(l => Environment.NewLine + "  " + l))}");
        var problems = new List<string>();
        if (!failures.IsEmpty) problems.Add($"{failures.Count} client calls failed during the rolling restart:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(30))}");
        var wrong = audits.Where(a => !a.Ok).ToList();
        if (wrong.Count > 0)
            problems.Add($"{wrong.Count} of {Pairs} pairs are wrong after the rolling restart (at {string.Join(", ", faults.Faults)}):{Environment.NewLine}"
                         + string.Join(Environment.NewLine, wrong.Select(a => a.ToString())) + Environment.NewLine
                         + await FleetChecks.StatusesAsync(cluster, wrong.Select(a => a.PairId)));
        if (counts.AuthKeyDuplicated > 0)
            problems.Add($"the simulator answered AUTH_KEY_DUPLICATED {counts.AuthKeyDuplicated} times:{Environment.NewLine}{await FleetChecks.AuthKeyDuplicatedAsync(cluster)}");
        foreach (var late in figures.Where(f => f.Late(TakeoverBound).Any()))
            problems.Add($"not Active elsewhere within {TakeoverBound.TotalSeconds:0} s: {late}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems) + Environment.NewLine + cluster.Diagnostics());
        Assert.All(traffic, t => Assert.Null(t.LastError));
    }

    private static async Task WaitAllActiveAsync(ProcessCluster cluster, IReadOnlyList<string> accountIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var states = await Task.WhenAll(accountIds.Select(async id => (id, (await cluster.Grains.GetGrain<IAccountGrain>(id).GetStatusAsync()).State)));
            var notActive = states.Where(s => s.State != AccountState.Active).ToList();
            if (notActive.Count == 0) return;
            last = string.Join(", ", notActive.Select(s => $"{s.id} {s.State}"));
            await Task.Delay(250);
        }
        Assert.Fail($"Not every account became Active again: {last}{Environment.NewLine}{cluster.Diagnostics()}");
    }

    private void Log(Stopwatch clock, string message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}

using System.Diagnostics;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Pairs;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Forwarding;

/// <summary>Forwarding survives silos dying, freezing and stopping: 3 silo processes on PostgreSQL, 30 accounts, 60 pairs
/// (every fourth forwards with the header, the others copy), every source channel posting (texts, photos, albums, edits,
/// deletions, replies to earlier posts, albums' messages and posts deleted since) while a silo is killed with SIGKILL every
/// 20 s for 2 minutes and restarted; then a silo holding accounts is frozen (SIGSTOP) for 15 s and let run again (SIGCONT),
/// and one is stopped gracefully (SIGTERM) and restarted. Edits, deletions and replies are timed just before and just after
/// each fault (<see cref="FaultProbes"/>). Afterwards every pair's destination is compared with its source, message by
/// message (<see cref="PairAudit"/>: nothing missing, no deleted message with a live copy, edits mirrored, source order,
/// replies pointing at the parent's copy, repeats bounded); the simulator must never have answered AUTH_KEY_DUPLICATED (a
/// session used from two silos at once) nor 409; and the accounts each faulted silo held must be Active on another silo
/// within 10 s of the fault.</summary>
[Trait("Category", "Failover")]
public sealed class SiloKillFailoverTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Accounts = 30;
    private const int Pairs = 60;
    private const int Kills = 6;
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FreezeFor = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan TrafficAfterLastFault = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The accounts of a faulted silo must be Active elsewhere within this long of the fault.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10);

    /// <summary>Each source channel's actions per second (60 channels: about 12 actions/s in all).</summary>
    private const double ActionsPerSecond = 0.2;

    /// <summary>Source channels probed (edits, deletions and replies timed around the fault) per fault.</summary>
    private const int ProbedChannels = 6;

    /// <summary>Every this many pairs one forwards (with the header) rather than copies.</summary>
    private const int ForwardEvery = 4;

    /// <summary>Replies' weight in the channels' traffic (texts 6, photos 2, albums 1, edits 2, deletions 1).</summary>
    private const int ReplyWeight = 2;

    // Timings shortened so a failover plays out in seconds (every one is a documented setting); the simulator's rate
    // limits are off (flood waits have their own tests). Failure detection and session leases are the product's defaults.
    [Fact]
    public async Task Silos_killed_frozen_and_stopped_lose_no_message_keep_order_mirror_edits_deletions_and_replies_never_duplicate_a_session_and_move_accounts_within_10_s()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(Silos, FleetChecks.SiloSettings, ["--no-limits"]);
        Log(clock, $"{Silos} silos ready");
        var restarts = new List<string>();
        var (accounts, pairs) = await FleetChecks.BuildAsync(cluster, Accounts, Pairs, ForwardEvery);
        var accountIds = accounts.Select(a => a.AccountId).ToList();
        Log(clock, $"{Accounts} accounts and {Pairs} pairs configured ({pairs.Count(p => p.Mode == ForwardMode.Forward)} forwarding, the others copying)");
        await FleetChecks.StartTrafficAsync(cluster, pairs, ActionsPerSecond, ReplyWeight);
        var trafficStarted = clock.Elapsed;
        Log(clock, "traffic started");
        var faults = new FaultRunner(cluster, accountIds, pairs, message => Log(clock, message), ProbedChannels);

        for (var kill = 0; kill < Kills; kill++)
        {
            while (clock.Elapsed < trafficStarted + KillEvery * (kill + 1) - TimeSpan.FromSeconds(4))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                RestartExited(cluster, clock, restarts);
            }
            var slot = kill % Silos;
            await faults.RunAsync(slot, $"kill {kill + 1}", async () =>
            {
                await cluster.KillAsync(slot);
                cluster.StartSilo(slot);
            });
        }

        // SIGSTOP of the silo holding the most accounts, for 15 s. Declared dead meanwhile, it stops itself when it runs again
        // and finds out; it is then restarted like any silo that exited by itself (part of this fault, not another one).
        for (var slot = 0; slot < Silos; slot++) await cluster.WaitReadyAsync(slot);
        var frozen = await faults.BusiestSlotAsync();
        await faults.RunAsync(frozen, "freeze", () => { cluster.Freeze(frozen); return Task.CompletedTask; });
        await Task.Delay(FreezeFor);
        cluster.Thaw(frozen);
        Log(clock, $"slot {frozen} let run again after {FreezeFor.TotalSeconds:0} s");
        var thawedExit = await WaitForExitAsync(cluster, frozen, TimeSpan.FromSeconds(20));
        Log(clock, thawedExit is { } code ? $"the thawed silo exited by itself ({code}); started a new one" : "the thawed silo still runs");
        if (thawedExit is not null) cluster.StartSilo(frozen);
        for (var slot = 0; slot < Silos; slot++) if (cluster.Silo(slot) is not null) await cluster.WaitReadyAsync(slot);

        // SIGTERM of the silo holding the most accounts: a graceful stop hands its grains over; then a new silo in its place.
        var stopped = await faults.BusiestSlotAsync();
        var exitCode = 0;
        await faults.RunAsync(stopped, "graceful stop", () => { cluster.BeginStop(stopped); return Task.CompletedTask; },
            async () => exitCode = await cluster.WaitStoppedAsync(stopped));
        Log(clock, $"slot {stopped} stopped gracefully with exit code {exitCode}");
        cluster.StartSilo(stopped);
        await cluster.WaitReadyAsync(stopped);

        await Task.Delay(TrafficAfterLastFault);
        RestartExited(cluster, clock, restarts);
        await cluster.Simulator.StopTrafficAsync();
        var traffic = await cluster.Simulator.TrafficAsync();
        Log(clock, $"traffic stopped: {traffic.Sum(t => t.Posted)} posted, {traffic.Sum(t => t.Edited)} edited, {traffic.Sum(t => t.Deleted)} deleted");

        // One repeat per pair per fault: the kills, the freeze, the graceful stop, and any silo that stopped by itself.
        var audits = await FleetChecks.DrainAsync(cluster, pairs, () => faults.Count + restarts.Count, DrainTimeout, message => Log(clock, message));
        var counts = await cluster.Simulator.CallCountsAsync();
        var figures = await faults.Takeovers;
        Log(clock, $"faults at {string.Join(", ", faults.Faults)}; silos that exited by themselves (other than the thawed one): {(restarts.Count == 0 ? "none" : string.Join(", ", restarts))}; "
                   + $"silos stopped by a stray signal before starting, started again: {cluster.StraySignals}");
        foreach (var figure in figures) Log(clock, figure.ToString());
        Log(clock, $"audited: {audits.Count(a => a.Ok)} of {audits.Count} pairs right; {audits.Sum(a => a.DuplicatedSourceIds.Count)} source messages copied more than once; "
                   + $"{audits.Sum(a => a.Replies)} copies of replies checked in copying pairs ({audits.Sum(a => a.LinkedReplies)} replying to the parent's copy, the others plain: parent deleted first); "
                   + $"AUTH_KEY_DUPLICATED answers: {counts.AuthKeyDuplicated}; 409 answers: {counts.Conflicts}");

        var failures = new List<string>();
        var wrong = audits.Where(a => !a.Ok).ToList();
        if (wrong.Count > 0)
        {
            failures.Add($"{wrong.Count} of {Pairs} pairs are wrong after the faults (at {string.Join(", ", faults.Faults)}):{Environment.NewLine}"
                         + string.Join(Environment.NewLine, wrong.Select(a => a.ToString())) + Environment.NewLine
                         + await FleetChecks.StatusesAsync(cluster, wrong.Select(a => a.PairId)));
        }
        if (counts.AuthKeyDuplicated > 0)
        {
            failures.Add($"the simulator answered AUTH_KEY_DUPLICATED {counts.AuthKeyDuplicated} times (a session connected from two places at once):{Environment.NewLine}"
                         + await FleetChecks.AuthKeyDuplicatedAsync(cluster));
        }
        if (counts.Conflicts > 0) failures.Add($"the simulator answered 409 (two getUpdates pollers of one bot) {counts.Conflicts} times");
        foreach (var late in figures.Where(f => f.Late(TakeoverBound).Any()))
            failures.Add($"not Active elsewhere within {TakeoverBound.TotalSeconds:0} s: {late}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures) + Environment.NewLine + cluster.Diagnostics());
        Assert.All(traffic, t => Assert.Null(t.LastError));
    }

    private static async Task<int?> WaitForExitAsync(ProcessCluster cluster, int slot, TimeSpan timeout)
    {
        var silo = cluster.Silo(slot) ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        try { return await silo.WaitForExitAsync(timeout); }
        catch (TimeoutException) { return null; }
    }

    /// <summary>Restarts silos that exited by themselves, logging each one's exit code and last output lines (why it
    /// stopped); returns how many silos did so over the whole run.</summary>
    private int RestartExited(ProcessCluster cluster, Stopwatch clock, List<string> restarts)
    {
        var exited = Enumerable.Range(0, cluster.SlotCount).Select(slot => (Slot: slot, Silo: cluster.Silo(slot)))
            .Where(s => s.Silo is { HasExited: true })
            .ToDictionary(s => s.Slot, s => $"exit code {s.Silo!.ExitCode}, last lines:{Environment.NewLine}    "
                                            + string.Join(Environment.NewLine + "    ", s.Silo.Lines.TakeLast(5)));
        foreach (var slot in cluster.RestartExitedSilos())
        {
            restarts.Add($"{DateTime.UtcNow:HH:mm:ss.fff} slot {slot}");
            Log(clock, $"the silo in slot {slot} exited by itself ({exited.GetValueOrDefault(slot)}); started a new one");
        }
        return restarts.Count;
    }

    private void Log(Stopwatch clock, string message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}

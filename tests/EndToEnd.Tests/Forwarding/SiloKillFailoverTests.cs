using System.Diagnostics;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Forwarding;

/// <summary>Forwarding survives silos dying: 3 silo processes, 30 accounts, 60 pairs, every source channel posting
/// (texts, photos, albums, edits, deletions) while a silo is killed with SIGKILL every 20 s for 2 minutes and restarted.
/// Afterwards every pair's destination is compared with its source, message by message.</summary>
[Trait("Category", "Failover")]
public sealed class SiloKillFailoverTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Accounts = 30;
    private const int Pairs = 60;
    private const int Kills = 6;
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TrafficAfterLastKill = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(75);

    /// <summary>Each source channel's actions per second (60 channels: about 12 actions/s in all).</summary>
    private const double ActionsPerSecond = 0.2;

    // Timings shortened so a failover plays out in seconds (every one is a documented setting); the simulator's rate
    // limits are off (flood waits have their own tests).
    private static readonly Dictionary<string, string> SiloSettings = new()
    {
        ["Cluster__Forwarding__RetryDelay"] = "00:00:01",
        ["Cluster__Forwarding__MaxRetryDelay"] = "00:00:04",
        ["Cluster__Forwarding__CatchUpInterval"] = "00:00:05",
        ["Cluster__Accounts__ReconnectDelay"] = "00:00:02",
        ["Cluster__Accounts__HousekeepingInterval"] = "00:00:02",
    };

    private sealed record FleetPair(string PairId, string AccountId, SimChatInfo Source, SimChatInfo Destination);

    [Fact]
    public async Task Silo_killed_every_20_s_loses_no_message_keeps_order_mirrors_edits_and_deletions_and_never_duplicates_a_session()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(Silos, SiloSettings, ["--no-limits"]);
        var fleet = new ForwardingFleet(cluster);
        Log(clock, $"{Silos} silos ready");
        var kills = new List<string>();
        var restarts = new List<string>();

        var accounts = await InParallelAsync(Enumerable.Range(1, Accounts).ToList(), i => fleet.AddAccountAsync($"acc-{i:D2}"));
        var pairs = await InParallelAsync(Enumerable.Range(1, Pairs).ToList(), async i =>
        {
            var account = accounts[(i - 1) % Accounts];
            var (source, destinations) = await fleet.AddChannelsAsync(account, $"p{i:D2}");
            await fleet.AddPairAsync($"pair-{i:D2}", account, source, destinations);
            return new FleetPair($"pair-{i:D2}", account.AccountId, source, destinations[0]);
        });
        Log(clock, $"{Accounts} accounts and {Pairs} pairs configured");

        foreach (var (pair, index) in pairs.Select((p, i) => (p, i)))
        {
            await cluster.Simulator.StartChannelTrafficAsync(new ChannelTrafficOptions(pair.Source.Id, ActionsPerSecond,
                TextWeight: 6, PhotoWeight: 2, AlbumWeight: 1, EditWeight: 2, DeleteWeight: 1, AlbumSize: 3, Seed: 1000 + index));
        }
        var trafficStarted = clock.Elapsed;
        Log(clock, "traffic started");

        for (var kill = 0; kill < Kills; kill++)
        {
            while (clock.Elapsed < trafficStarted + KillEvery * (kill + 1))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                RestartExited(cluster, clock, restarts);
            }
            var slot = kill % Silos;
            await cluster.KillAsync(slot);
            cluster.StartSilo(slot);
            Log(clock, $"killed the silo in slot {slot} (kill {kill + 1} of {Kills}) and started a new one");
            kills.Add($"{DateTime.UtcNow:HH:mm:ss.fff} slot {slot}");
        }
        await Task.Delay(TrafficAfterLastKill);
        RestartExited(cluster, clock, restarts);
        await cluster.Simulator.StopTrafficAsync();
        var traffic = await cluster.Simulator.TrafficAsync();
        Log(clock, $"traffic stopped: {traffic.Sum(t => t.Posted)} posted, {traffic.Sum(t => t.Edited)} edited, {traffic.Sum(t => t.Deleted)} deleted");

        // A silo that fenced itself (a stall past its lease on a busy machine) is a failover too: it may leave one repeat.
        var audits = await DrainAsync(cluster, pairs, clock, () => Kills + RestartExited(cluster, clock, restarts));
        var counts = await cluster.Simulator.CallCountsAsync();
        Log(clock, $"kills at {string.Join(", ", kills)}; silos that exited by themselves: {(restarts.Count == 0 ? "none" : string.Join(", ", restarts))}");
        Log(clock, $"audited: {audits.Count(a => a.Ok)} of {audits.Count} pairs right; {audits.Sum(a => a.DuplicatedSourceIds.Count)} source messages copied more than once; "
                   + $"AUTH_KEY_DUPLICATED answers: {counts.AuthKeyDuplicated}");

        var failures = new List<string>();
        var wrong = audits.Where(a => !a.Ok).ToList();
        if (wrong.Count > 0)
        {
            failures.Add($"{wrong.Count} of {Pairs} pairs are wrong after {Kills} silo kills (at {string.Join(", ", kills)}):{Environment.NewLine}"
                         + string.Join(Environment.NewLine, wrong.Select(a => a.ToString())) + Environment.NewLine
                         + await StatusesAsync(cluster, wrong.Select(a => a.PairId)));
        }
        if (counts.AuthKeyDuplicated > 0)
        {
            var answers = (await cluster.Simulator.CallsAsync(406)).Where(c => c.Error == "AUTH_KEY_DUPLICATED")
                .Select(c => $"{c.At:HH:mm:ss.fff} user {c.ClientUserId} {c.Method}");
            failures.Add($"the simulator answered AUTH_KEY_DUPLICATED {counts.AuthKeyDuplicated} times (a session connected from two places at once):{Environment.NewLine}"
                         + string.Join(Environment.NewLine, answers));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures) + Environment.NewLine + cluster.Diagnostics());
        Assert.All(traffic, t => Assert.Null(t.LastError));
    }

    /// <summary>Audits every pair until all are right or the drain time is up; returns the last audit of each.</summary>
    private async Task<IReadOnlyList<PairAudit>> DrainAsync(ProcessCluster cluster, IReadOnlyList<FleetPair> pairs, Stopwatch clock, Func<int> failovers)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        var audits = new Dictionary<string, PairAudit>();
        while (true)
        {
            foreach (var pair in pairs.Where(p => !audits.TryGetValue(p.PairId, out var a) || !a.Ok))
            {
                var source = await cluster.Simulator.MessagesAsync(pair.Source.Id, includeDeleted: true);
                var destination = await cluster.Simulator.MessagesAsync(pair.Destination.Id, includeDeleted: true);
                audits[pair.PairId] = PairAudit.Check(pair.PairId, pair.Source.Id, pair.Destination.Id, source, destination, allowedDuplicates: failovers());
            }
            var right = audits.Values.Count(a => a.Ok);
            if (right == pairs.Count || DateTime.UtcNow > deadline) break;
            Log(clock, $"draining: {right} of {pairs.Count} pairs right");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        return pairs.Select(p => audits[p.PairId]).ToList();
    }

    private static async Task<string> StatusesAsync(ProcessCluster cluster, IEnumerable<string> pairIds)
    {
        var lines = new List<string>();
        foreach (var pairId in pairIds)
        {
            try
            {
                var s = await cluster.Grains.GetGrain<Cluster.Grains.Abstractions.Pairs.IChannelPairGrain>(pairId).GetStatusAsync();
                lines.Add($"{pairId}: {s.State}, pending {s.PendingOperations}, checkpoint forwarded {s.Checkpoint.LastForwardedId} seen {s.Checkpoint.LastSeenId} in flight [{string.Join(",", s.Checkpoint.InFlight)}], "
                          + $"retry at {s.RetryAt:HH:mm:ss}, last error {s.LastError}, stats {s.Statistics}");
            }
            catch (Exception e)
            {
                lines.Add($"{pairId}: status unavailable ({e.GetType().Name}: {e.Message})");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Restarts silos that exited by themselves; returns how many silos did so over the whole run.</summary>
    private int RestartExited(ProcessCluster cluster, Stopwatch clock, List<string> restarts)
    {
        foreach (var slot in cluster.RestartExitedSilos())
        {
            restarts.Add($"{DateTime.UtcNow:HH:mm:ss.fff} slot {slot}");
            Log(clock, $"the silo in slot {slot} exited by itself (fenced on a stall); started a new one");
        }
        return restarts.Count;
    }

    /// <summary>Runs set-up calls a few at a time: faster than one by one, without flooding 3 silos on 2 cores.</summary>
    private static async Task<IReadOnlyList<T>> InParallelAsync<T>(IReadOnlyList<int> items, Func<int, Task<T>> action, int degree = 6)
    {
        var results = new T[items.Count];
        using var gate = new SemaphoreSlim(degree);
        await Task.WhenAll(items.Select(async (item, index) =>
        {
            await gate.WaitAsync();
            try { results[index] = await action(item); }
            finally { gate.Release(); }
        }));
        return results;
    }

    private void Log(Stopwatch clock, string message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}

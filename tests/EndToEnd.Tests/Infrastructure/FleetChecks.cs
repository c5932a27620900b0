using Cluster.Grains.Abstractions.Pairs;
using Cluster.TelegramSim.Traffic;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>What the failover tests share: building a fleet of accounts and copying (or forwarding) pairs with channel traffic, auditing
/// every pair until it is right, and describing pairs for a failure message.</summary>
internal static class FleetChecks
{
    /// <summary>The silo settings of the failover tests: pairs and accounts retry, catch up and reconnect within seconds, so
    /// a fault's effects settle inside a test's budget.</summary>
    public static readonly IReadOnlyDictionary<string, string> SiloSettings = new Dictionary<string, string>
    {
        ["Cluster__Forwarding__RetryDelay"] = "00:00:01",
        ["Cluster__Forwarding__MaxRetryDelay"] = "00:00:04",
        ["Cluster__Forwarding__CatchUpInterval"] = "00:00:05",
        ["Cluster__Accounts__ReconnectDelay"] = "00:00:02",
        ["Cluster__Accounts__HousekeepingInterval"] = "00:00:02",
    };

    /// <summary><paramref name="accounts"/> logged-in accounts (<c>acc-01</c>, ...) and <paramref name="pairs"/> copying pairs
    /// (<c>pair-01</c>, ...) spread over them round robin, each from a source channel of its own to a destination of its own.
    /// With <paramref name="forwardEvery"/> = n, every n-th pair forwards (with the header) instead of copying.</summary>
    public static async Task<(IReadOnlyList<FleetAccount> Accounts, IReadOnlyList<FleetPair> Pairs)> BuildAsync(ProcessCluster cluster, int accounts, int pairs,
        int forwardEvery = 0)
    {
        var fleet = new ForwardingFleet(cluster);
        var built = await InParallelAsync(Enumerable.Range(1, accounts).ToList(), i => fleet.AddAccountAsync($"acc-{i:D2}"));
        var configured = await InParallelAsync(Enumerable.Range(1, pairs).ToList(), async i =>
        {
            var account = built[(i - 1) % accounts];
            var (source, destinations) = await fleet.AddChannelsAsync(account, $"p{i:D2}");
            var mode = forwardEvery > 0 && i % forwardEvery == 0 ? ForwardMode.Forward : ForwardMode.Copy;
            await fleet.AddPairAsync($"pair-{i:D2}", account, source, destinations, mode);
            return new FleetPair($"pair-{i:D2}", account.AccountId, source, destinations[0], mode);
        });
        return (built, configured);
    }

    /// <summary>Every pair's source channel posting on its own: texts, photos, albums, edits and deletions, and with
    /// <paramref name="replyWeight"/> replies to earlier posts (albums' messages and posts deleted since among them).</summary>
    public static async Task StartTrafficAsync(ProcessCluster cluster, IReadOnlyList<FleetPair> pairs, double actionsPerSecond, int replyWeight = 0)
    {
        foreach (var (pair, index) in pairs.Select((p, i) => (p, i)))
        {
            await cluster.Simulator.StartChannelTrafficAsync(new ChannelTrafficOptions(pair.Source.Id, actionsPerSecond,
                TextWeight: 6, PhotoWeight: 2, AlbumWeight: 1, EditWeight: 2, DeleteWeight: 1, AlbumSize: 3, Seed: 1000 + index, ReplyWeight: replyWeight));
        }
    }

    /// <summary>Audits every pair until all are right or <paramref name="timeout"/> is up; returns the last audit of each.</summary>
    public static async Task<IReadOnlyList<PairAudit>> DrainAsync(ProcessCluster cluster, IReadOnlyList<FleetPair> pairs, Func<int> allowedDuplicates,
        TimeSpan timeout, Action<string> log)
    {
        var deadline = DateTime.UtcNow + timeout;
        var audits = new Dictionary<string, PairAudit>();
        while (true)
        {
            foreach (var pair in pairs.Where(p => !audits.TryGetValue(p.PairId, out var a) || !a.Ok))
            {
                var source = await cluster.Simulator.MessagesAsync(pair.Source.Id, includeDeleted: true);
                var destination = await cluster.Simulator.MessagesAsync(pair.Destination.Id, includeDeleted: true);
                audits[pair.PairId] = PairAudit.Check(pair.PairId, pair.Source.Id, pair.Destination.Id, pair.Mode, source, destination, allowedDuplicates());
            }
            var right = audits.Values.Count(a => a.Ok);
            if (right == pairs.Count || DateTime.UtcNow > deadline) break;
            log($"draining: {right} of {pairs.Count} pairs right");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        return pairs.Select(p => audits[p.PairId]).ToList();
    }

    /// <summary>Each pair's status (queue, checkpoint, errors), for a failure message.</summary>
    public static async Task<string> StatusesAsync(ProcessCluster cluster, IEnumerable<string> pairIds)
    {
        var lines = new List<string>();
        foreach (var pairId in pairIds)
        {
            try
            {
                var s = await cluster.Grains.GetGrain<IChannelPairGrain>(pairId).GetStatusAsync();
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

    /// <summary>The AUTH_KEY_DUPLICATED answers the simulator gave, one line each, for a failure message.</summary>
    public static async Task<string> AuthKeyDuplicatedAsync(ProcessCluster cluster)
        => string.Join(Environment.NewLine, (await cluster.Simulator.CallsAsync(406)).Where(c => c.Error == "AUTH_KEY_DUPLICATED")
            .Select(c => $"{c.At:HH:mm:ss.fff} user {c.ClientUserId} {c.Method}"));

    /// <summary>Runs set-up calls a few at a time: faster than one by one, without flooding 3 silos on 2 cores.</summary>
    public static async Task<IReadOnlyList<T>> InParallelAsync<T>(IReadOnlyList<int> items, Func<int, Task<T>> action, int degree = 6)
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
}

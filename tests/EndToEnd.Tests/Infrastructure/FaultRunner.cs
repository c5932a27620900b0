using System.Diagnostics;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>Runs faults on a cluster with a fleet the same way every time: finds the accounts the silo holds, posts probes in
/// a few source channels (theirs first) and edits and deletes them just before and just after the fault
/// (<see cref="FaultProbes"/>), does the fault, and watches how long the silo's accounts take to be Active elsewhere
/// (<see cref="AccountTakeover"/>, collected in <see cref="Takeovers"/>).</summary>
internal sealed class FaultRunner(ProcessCluster cluster, IReadOnlyList<string> accountIds, IReadOnlyList<FleetPair> pairs, Action<string> log,
    int probedChannels = 6)
{
    private readonly List<Task<AccountTakeover>> _takeovers = [];

    /// <summary>What was done when, one line per fault.</summary>
    public List<string> Faults { get; } = [];

    public int Count => Faults.Count;

    /// <summary>The take-over figures of every fault, once each watch ended.</summary>
    public Task<AccountTakeover[]> Takeovers => Task.WhenAll(_takeovers);

    /// <summary>Runs <paramref name="act"/> (the fault) on the silo in <paramref name="slot"/>, with probes around it, then
    /// <paramref name="afterwards"/> (waiting for a stopping silo to exit, say): the probes after the fault are edited and
    /// deleted in between, while the fault plays out.</summary>
    public async Task RunAsync(int slot, string fault, Func<Task> act, Func<Task>? afterwards = null)
    {
        await cluster.WaitReadyAsync(slot);
        var address = await cluster.AddressOfAsync(slot);
        var name = cluster.Find(address)?.Name ?? address.ToString();
        var held = (await AccountTakeover.LocateAsync(cluster, accountIds)).Where(kv => address.Equals(kv.Value)).Select(kv => kv.Key).ToList();
        var probed = pairs.Where(p => held.Contains(p.AccountId)).Concat(pairs.Where(p => !held.Contains(p.AccountId)))
            .Take(probedChannels).Select(p => p.Source).ToList();
        var probes = new FaultProbes(cluster.Simulator, fault, probed);
        await probes.PostAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // copied before the fault
        await probes.BeforeFaultAsync();
        var at = Stopwatch.GetTimestamp();
        await act();
        Faults.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {fault} of {name}");
        _takeovers.Add(AccountTakeover.WatchAsync(cluster, fault, address, held, at));
        await probes.AfterFaultAsync();
        if (afterwards is not null) await afterwards();
        log($"{fault} of {name} (slot {slot}, {held.Count} accounts), probes edited and deleted around it in {probes.Channels} channels");
    }

    /// <summary>The running slot whose silo holds the most accounts now.</summary>
    public async Task<int> BusiestSlotAsync()
    {
        var where = await AccountTakeover.LocateAsync(cluster, accountIds);
        return Enumerable.Range(0, cluster.SlotCount).Where(s => cluster.Silo(s) is { HasExited: false })
            .OrderByDescending(s => where.Values.Count(a => a is not null && cluster.Find(a)?.Silo == cluster.Silo(s)))
            .First();
    }
}

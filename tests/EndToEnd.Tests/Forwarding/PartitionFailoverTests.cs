using System.Diagnostics;
using System.Net;
using Cluster.EndToEnd.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Forwarding;

/// <summary>A silo cut off from the cluster database and from its peers while it can still reach Telegram: the dangerous
/// partition, where it cannot learn that it was declared dead and its accounts were taken over. The silo runs in a network
/// namespace of its own (<see cref="NetworkNamespace"/>), reaching PostgreSQL and the simulator through proxies on the host;
/// the test blackholes the host's cluster address inside the namespace, so nothing passes between the silo and the database
/// or its peers, either way, while the simulator stays reachable. Its sessions must never be used twice (0
/// AUTH_KEY_DUPLICATED: its session leases run out before anyone else may take them), its accounts must be Active on the
/// other silos within 10 s, and when the partition heals it stops itself (declared dead) and is restarted; every pair is
/// audited afterwards.</summary>
[Trait("Category", "Failover")]
public sealed class PartitionFailoverTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Accounts = 12;
    private const int Pairs = 12;
    private const int VictimSlot = 2;
    private const double ActionsPerSecond = 0.3;
    private static readonly TimeSpan CutFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The session lease's length (Cluster:SessionLeases:Duration, default): after the cut, the database hands an
    /// account's session to another silo no sooner than this.</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_silo_cut_from_the_database_and_its_peers_never_duplicates_a_session_and_its_accounts_run_elsewhere_within_10_s()
    {
        Assert.True(NetworkNamespace.Unavailable() is null, $"This test cuts a silo off in a network namespace: {NetworkNamespace.Unavailable()}");
        var clock = Stopwatch.StartNew();
        await using var ns = NetworkNamespace.Create();
        TcpProxy? database = null;
        TcpProxy? telegram = null;
        // Every silo advertises the host's side of the link; the victim its own, and it reaches PostgreSQL and the simulator
        // through proxies on the host's side (127.0.0.1 inside the namespace is the namespace's own).
        var settings = new Dictionary<string, string>(FleetChecks.SiloSettings) { ["Cluster__AdvertisedAddress"] = ns.ClusterAddress.ToString() };
        // Every silo reaches the simulator at the same address (a simulated session remembers the simulator it belongs to).
        IReadOnlyDictionary<string, string>? Victim(ProcessCluster cluster, int slot)
        {
            telegram ??= ns.Bridge(ns.TelegramAddress, new IPEndPoint(IPAddress.Loopback, cluster.SimulatorProcess.BaseUrl.Port));
            var simulator = $"http://{ns.TelegramAddress}:{telegram.Port}/";
            if (slot != VictimSlot) return new Dictionary<string, string> { ["Telegram__Simulator__BaseUrl"] = simulator };
            var connection = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
            database ??= ns.Bridge(ns.ClusterAddress, new IPEndPoint(IPAddress.Loopback, connection.Port));
            connection.Host = ns.ClusterAddress.ToString();
            connection.Port = database.Port;
            return new Dictionary<string, string>
            {
                ["Cluster__AdvertisedAddress"] = ns.InnerAddress.ToString(),
                ["Cluster__Storage__ConnectionString"] = connection.ConnectionString,
                ["Telegram__Simulator__BaseUrl"] = simulator,
            };
        }
        await using var cluster = await ProcessCluster.StartAsync(Silos, settings, ["--no-limits"], Victim,
            (slot, siloSettings, directory) => slot == VictimSlot ? ns.StartSilo(siloSettings, directory) : null);
        Log(clock, $"{Silos} silos ready; slot {VictimSlot} runs in network namespace {ns.Name} at {ns.InnerAddress}, the others at {ns.ClusterAddress}");
        var (accounts, pairs) = await FleetChecks.BuildAsync(cluster, Accounts, Pairs);
        var accountIds = accounts.Select(a => a.AccountId).ToList();
        await FleetChecks.StartTrafficAsync(cluster, pairs, ActionsPerSecond);
        Log(clock, $"{Accounts} accounts and {Pairs} pairs configured, traffic started");

        var faults = new FaultRunner(cluster, accountIds, pairs, message => Log(clock, message));
        var victim = await cluster.AddressOfAsync(VictimSlot);
        var cutAt = Stopwatch.GetTimestamp();
        var cutWall = DateTimeOffset.UtcNow;
        await faults.RunAsync(VictimSlot, "partition", () =>
        {
            cutAt = Stopwatch.GetTimestamp();
            cutWall = DateTimeOffset.UtcNow;
            ns.CutFromCluster();
            return Task.CompletedTask;
        });
        var declaredDead = await WaitDeclaredDeadAsync(cluster, victim, cutAt);
        Log(clock, $"the cut silo was declared dead by its peers {Describe(declaredDead)} after the cut");
        var remaining = CutFor - Stopwatch.GetElapsedTime(cutAt);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        var cutSilo = cluster.Silo(VictimSlot)!;
        var ranThroughCut = !cutSilo.HasExited;
        ns.Heal();
        Log(clock, $"partition healed after {Stopwatch.GetElapsedTime(cutAt).TotalSeconds:0.0} s (the cut silo {(ranThroughCut ? "ran all along" : "had exited")})");

        // Back in touch, it finds itself declared dead and stops itself; a supervisor starts it again.
        var exited = await WaitForExitAsync(cluster.Silo(VictimSlot)!, TimeSpan.FromSeconds(30));
        Log(clock, exited is { } code ? $"the cut silo stopped itself ({code}); started a new one" : "the cut silo did not stop within 30 s: killed and restarted");
        if (exited is null) await cluster.KillAsync(VictimSlot);
        cluster.StartSilo(VictimSlot);
        await cluster.WaitReadyAsync(VictimSlot);

        await Task.Delay(TimeSpan.FromSeconds(5));
        await cluster.Simulator.StopTrafficAsync();
        var traffic = await cluster.Simulator.TrafficAsync();
        Log(clock, $"traffic stopped: {traffic.Sum(t => t.Posted)} posted, {traffic.Sum(t => t.Edited)} edited, {traffic.Sum(t => t.Deleted)} deleted");
        var audits = await FleetChecks.DrainAsync(cluster, pairs, () => 1, DrainTimeout, message => Log(clock, message));
        var counts = await cluster.Simulator.CallCountsAsync();
        var figures = await faults.Takeovers;
        foreach (var figure in figures) Log(clock, figure.ToString());
        Log(clock, $"audited: {audits.Count(a => a.Ok)} of {audits.Count} pairs right, {audits.Sum(a => a.DuplicatedSourceIds.Count)} source messages copied more than once; "
                   + $"AUTH_KEY_DUPLICATED answers: {counts.AuthKeyDuplicated}; 409 answers: {counts.Conflicts}");

        // The cut silo cannot renew its session leases: it must give every session up on its own, by its monotonic clock,
        // before the lease runs out in the database and another silo may take it.
        var givenUp = SessionsGivenUp(cutSilo, figures[0].Accounts.Keys, cutWall);
        Log(clock, "the cut silo gave its sessions up " + string.Join(", ", givenUp.Select(g => $"{g.Key} {Describe(g.Value)}")) + " after the cut");
        var problems = new List<string>();
        var late = givenUp.Where(g => g.Value is null || g.Value > LeaseDuration).Select(g => $"{g.Key} {Describe(g.Value)}").ToList();
        if (late.Count > 0)
            problems.Add($"the cut silo did not give these sessions up within the lease ({LeaseDuration.TotalSeconds:0} s) of the cut: {string.Join(", ", late)}");
        if (counts.AuthKeyDuplicated > 0)
            problems.Add($"the simulator answered AUTH_KEY_DUPLICATED {counts.AuthKeyDuplicated} times:{Environment.NewLine}{await FleetChecks.AuthKeyDuplicatedAsync(cluster)}");
        if (counts.Conflicts > 0) problems.Add($"the simulator answered 409 {counts.Conflicts} times");
        if (declaredDead is null) problems.Add($"the cut silo was not declared dead within {CutFor.TotalSeconds:0} s");
        foreach (var slow in figures.Where(f => f.Late(TakeoverBound).Any()))
            problems.Add($"not Active elsewhere within {TakeoverBound.TotalSeconds:0} s: {slow}{Environment.NewLine}"
                         + await AccountsAsync(cluster, accounts.Where(a => slow.Late(TakeoverBound).Contains(a.AccountId)), cutWall));
        var wrong = audits.Where(a => !a.Ok).ToList();
        if (wrong.Count > 0)
            problems.Add($"{wrong.Count} of {Pairs} pairs are wrong after the partition:{Environment.NewLine}"
                         + string.Join(Environment.NewLine, wrong.Select(a => a.ToString())) + Environment.NewLine
                         + await FleetChecks.StatusesAsync(cluster, wrong.Select(a => a.PairId)));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems) + Environment.NewLine + cluster.Diagnostics());
        Assert.All(traffic, t => Assert.Null(t.LastError));
    }

    /// <summary>How long after the cut the membership table said the cut silo is Dead (as the other silos wrote it), or null.</summary>
    private static async Task<TimeSpan?> WaitDeclaredDeadAsync(ProcessCluster cluster, SiloAddress victim, long cutAt)
    {
        while (Stopwatch.GetElapsedTime(cutAt) < CutFor)
        {
            try
            {
                var hosts = await cluster.Management.GetHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(2));
                if (hosts.TryGetValue(victim, out var status) && status == SiloStatus.Dead) return Stopwatch.GetElapsedTime(cutAt);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException) { }
            await Task.Delay(200);
        }
        return null;
    }

    private static async Task<int?> WaitForExitAsync(Cluster.Silo.Tests.Infrastructure.SiloProcess silo, TimeSpan timeout)
    {
        try { return await silo.WaitForExitAsync(timeout); }
        catch (TimeoutException) { return null; }
    }

    /// <summary>How long after the cut the silo logged that it lost each account's session lease (its sessions closed), from
    /// its own log; null when it never did.</summary>
    private static Dictionary<string, TimeSpan?> SessionsGivenUp(Cluster.Silo.Tests.Infrastructure.SiloProcess silo, IEnumerable<string> accountIds, DateTimeOffset cut)
    {
        var lost = silo.JsonLines
            .Where(l => l.TryGetProperty("Message", out var m) && m.GetString() is { } text && text.StartsWith("Session lease account/", StringComparison.Ordinal) && text.Contains(" lost: ", StringComparison.Ordinal))
            .Select(l => (Text: l.GetProperty("Message").GetString()!, At: DateTimeOffset.Parse(l.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(l => l.At >= cut)
            .ToList();
        return accountIds.ToDictionary(id => id, id => lost.FirstOrDefault(l => l.Text.StartsWith($"Session lease account/{id} lost: ", StringComparison.Ordinal)) is { Text: not null } hit
            ? (TimeSpan?)(hit.At - cut)
            : null);
    }

    /// <summary>For a failure message: each account's status now and what its Telegram clients did from just before the cut.</summary>
    private static async Task<string> AccountsAsync(ProcessCluster cluster, IEnumerable<FleetAccount> accounts, DateTimeOffset cut)
    {
        var lines = new List<string>();
        foreach (var account in accounts)
        {
            try
            {
                var s = await account.Grain.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5));
                lines.Add($"{account.AccountId}: {s.State} ({s.LoginStep}), error {s.ErrorReason}, last error {s.LastError} at {s.LastErrorAt:HH:mm:ss.fff}, restarts {s.Restarts}");
            }
            catch (Exception e)
            {
                lines.Add($"{account.AccountId}: status unavailable ({e.GetType().Name}: {e.Message})");
            }
            var calls = (await cluster.Simulator.CallsOfUserAsync(account.UserId)).Where(c => c.At >= cut - TimeSpan.FromSeconds(2)).ToList();
            lines.AddRange(calls.Where(c => c.Method != "updates" || c.Status != 200).Take(40)
                .Select(c => $"  {c.At:HH:mm:ss.fff} {c.Method} {c.Status} {c.Error}"));
            lines.Add($"  ({calls.Count(c => c.Method == "updates" && c.Status == 200)} successful update polls since the cut)");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:0.0} s" : "never";

    private void Log(Stopwatch clock, string message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}

using System.Diagnostics;
using Cluster.Bench.Reporting;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Faults;
using Cluster.TestSupport.Orleans;
using Orleans;

namespace Cluster.Bench.Campaign;

/// <summary>Figures of user-account campaigns (issue 15): one silo of an in-process Orleans test cluster (TestSupport's
/// <see cref="GrainCluster"/>, the product's silo configuration and grain state serializer on the shared in-process store) against the
/// in-process simulator. Run: <c>dotnet run -c Release --project bench/Bench -- campaign [recipients]</c>.</summary>
/// <remarks>
/// <para>Limits off: a 10,000-recipient campaign over 20 accounts, the simulator's flood limits off and the campaign's delay 0; sends/s
/// from the first to the last send (the simulator's clock), on one silo, so per silo. Memory: the managed heap a 10,000-recipient
/// draft campaign adds (the campaign and its 10 chunk activations, after a full GC) minus the bytes its states take in the
/// in-process store, per recipient.</para>
/// <para>Limits on: the same audience with Telegram's flood limits on in the simulator (20 messages per account per 10 s; strangers
/// per day raised so PEER_FLOOD does not end the run), a campaign limit of 30 per account per hour and no delay
/// (faster than Telegram allows, so accounts draw flood waits);
/// run until every account reached its hourly limit. Checked from the simulator's record of answers: no account sent more than its
/// limit, and no account sent again before a FLOOD_WAIT it was given had run out (a flood wait ignored).</para>
/// </remarks>
public static class CampaignBenchmark
{
    private const int Accounts = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var recipients = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 10_000;
        var failed = false;
        failed |= !await LimitsOffAsync(recipients);
        failed |= !await LimitsOnAsync(recipients);
        return failed ? 1 : 0;
    }

    private static async Task<GrainCluster> StartAsync(bool limits)
    {
        var options = new GrainClusterOptions { Silos = 1, Simulator = new TelegramSimulatorOptions { Limits = { Enabled = limits, StrangerMessagesPerWindow = 100_000 } } };
        options.Settings["Cluster:Accounts:DefaultHourlySendLimit"] = "1000000";
        options.Settings["Cluster:Accounts:DefaultDailySendLimit"] = "1000000";
        return await GrainCluster.StartAsync(options);
    }

    private static async Task<List<(string AccountId, long UserId)>> AddAccountsAsync(GrainCluster cluster)
    {
        var accounts = new List<(string, long)>();
        for (var i = 1; i <= Accounts; i++)
        {
            var phone = $"+1888{i:D7}";
            var id = $"bench-acc-{i:D2}";
            var sim = cluster.World.CreateAccount(phone, id, $"bench_acc_{i:D2}", isPremium: i <= 2);
            var grain = cluster.Grains.GetGrain<IAccountGrain>(id);
            await grain.ConfigureAsync(new AccountConfiguration { ApiId = 1, ApiHash = "bench-" + id, PhoneNumber = phone });
            await grain.StartAsync();
            var code = await grain.SubmitCodeAsync(cluster.World.Options.Accounts.DefaultLoginCode);
            if (!code.Accepted) throw new InvalidOperationException($"{id} refused its code: {code.Message}");
            accounts.Add((id, sim.UserId));
        }
        return accounts;
    }

    private static List<CampaignRecipient> AddRecipients(GrainCluster cluster, int count, string prefix)
        => Enumerable.Range(1, count).Select(i => cluster.World.CreateUser($"{prefix} {i}", $"{prefix}_{i:D6}"))
            .Select((u, i) => new CampaignRecipient(i % 2 == 0 ? u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "@" + u.Username)).ToList();

    private static CampaignDefinition Definition(string text, IEnumerable<string> accounts, CampaignLimits limits, bool start) => new()
    {
        Name = text,
        Message = new CampaignMessage([MessageText.Plain(text + ", {first_name|friend}!")]),
        Pool = new CampaignAccountPool(accounts.ToList()),
        Limits = limits,
        StartNow = start,
    };

    private static async Task<bool> LimitsOffAsync(int recipients)
    {
        await using var cluster = await StartAsync(limits: false);
        var accounts = await AddAccountsAsync(cluster);
        var audience = AddRecipients(cluster, recipients, "off");
        var unlimited = new CampaignLimits { PerAccountHourly = null, PerAccountDaily = null, MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };

        // Memory of a campaign's activations: a draft of the same size (nothing sent), heap after a full GC before and after.
        var before = Heap();
        var draft = cluster.Grains.GetGrain<ICampaignGrain>("bench-draft");
        var created = await draft.CreateAsync(Definition("draft", accounts.Select(a => a.AccountId), unlimited, start: false), audience);
        var after = Heap();
        var stored = (long)(cluster.States.ReadBytes("campaign", draft.GetGrainId())?.Length ?? 0);
        for (var i = 0; i < created.Status.Chunks; i++)
            stored += cluster.States.ReadBytes("campaign-chunk", cluster.Grains.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf("bench-draft", i)).GetGrainId())?.Length ?? 0;
        BenchReport.Note($"memory: heap after a full GC grew {after - before:N0} bytes creating a {recipients:N0}-recipient draft ({created.Status.Chunks} chunks); {stored:N0} of those are its stored states in the in-process store");
        BenchReport.Print("campaign.activation_memory_per_recipient", (after - before - stored) / (double)recipients, "bytes");
        BenchReport.Print("campaign.stored_state_per_recipient", stored / (double)recipients, "bytes");

        var text = "Bench limits off";
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>("bench-off");
        var clock = Stopwatch.StartNew();
        await campaign.CreateAsync(Definition(text, accounts.Select(a => a.AccountId), unlimited, start: true), audience);
        var created2 = clock.Elapsed;
        var status = await WaitAsync(campaign, s => s.State is CampaignState.Completed or CampaignState.Paused, TimeSpan.FromMinutes(10));
        var sends = cluster.Simulator.Calls.Records(SimClientKind.Account, null, 200, "send");
        var first = sends.Min(c => c.At);
        var last = sends.Max(c => c.At);
        var received = cluster.World.CountReceivedContaining(text);
        BenchReport.Note($"limits off: {recipients:N0} recipients, {Accounts} accounts, delay 0, 1 silo; created (validated, 10 chunks written) in {created2.TotalMilliseconds:0} ms; "
                         + $"{status.State} with {status.Counts.Sent:N0} sent; {received.Count:N0} recipients got it, {received.Count(r => r.Value > 1)} more than once");
        BenchReport.Print("campaign.sends_per_second_per_silo", sends.Count / Math.Max((last - first).TotalSeconds, 0.001), "sends/s");
        BenchReport.Print("campaign.duration", clock.Elapsed.TotalSeconds, "s");
        return status.State == CampaignState.Completed && received.Count == recipients && received.Values.All(c => c == 1);
    }

    private static async Task<bool> LimitsOnAsync(int recipients)
    {
        const int hourly = 30;
        await using var cluster = await StartAsync(limits: true);
        var accounts = await AddAccountsAsync(cluster);
        var audience = AddRecipients(cluster, recipients, "on");
        var text = "Bench limits on";
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>("bench-on");
        var limits = new CampaignLimits { PerAccountHourly = hourly, PerAccountDaily = hourly * 5, MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        var clock = Stopwatch.StartNew();
        await campaign.CreateAsync(Definition(text, accounts.Select(a => a.AccountId), limits, start: true), audience);
        // Runs until every account is at its hourly limit (then the campaign waits for the next hour), or the hour turns.
        var status = await WaitAsync(campaign, s => s.State == CampaignState.Waiting && s.Reason?.Contains("resting", StringComparison.Ordinal) == true
                                                    && s.Accounts.All(a => a.Sent >= hourly), TimeSpan.FromMinutes(5));

        var calls = cluster.Simulator.Calls.Records(SimClientKind.Account, null, null, "send");
        var perAccount = calls.Where(c => c.Status == 200).GroupBy(c => c.ClientUserId).ToDictionary(g => g.Key, g => g.Count());
        var maxPerAccount = perAccount.Values.DefaultIfEmpty().Max();
        var floodWaits = calls.Where(c => c.Error?.StartsWith("FLOOD_WAIT_", StringComparison.Ordinal) == true).ToList();
        // A flood wait ignored: a send of that account that reached Telegram before the wait it was given had run out.
        var ignored = floodWaits.Count(w => calls.Any(c => c.ClientUserId == w.ClientUserId && c.At > w.At && c.At < w.At + TimeSpan.FromSeconds(w.RetryAfter ?? 0)));
        BenchReport.Note($"limits on: {recipients:N0} recipients, {Accounts} accounts, campaign limit {hourly}/account/hour, delay 0 (faster than the simulator allows, to draw flood waits), simulator limits on (20 per account per 10 s); "
                         + $"{status.State} after {clock.Elapsed.TotalSeconds:0} s: {status.Reason}; {status.Counts.Sent} sent; {floodWaits.Count} FLOOD_WAIT answers");
        BenchReport.Print("campaign.limits_on.max_sent_per_account_hour", maxPerAccount, $"sends (limit {hourly})");
        BenchReport.Print("campaign.limits_on.flood_waits", floodWaits.Count, "answers");
        BenchReport.Print("campaign.limits_on.flood_waits_ignored", ignored, "sends");
        return maxPerAccount <= hourly && ignored == 0;
    }

    private static async Task<CampaignStatus> WaitAsync(ICampaignGrain campaign, Func<CampaignStatus, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await campaign.GetStatusAsync();
            if (done(status) || DateTime.UtcNow > deadline) return status;
            await Task.Delay(100);
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

using System.Diagnostics;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Campaigns;

/// <summary>A campaign sends to every recipient exactly once while its silos die: 3 silo processes on PostgreSQL, 20 accounts,
/// 5,000 recipients, a silo killed with SIGKILL every 20 s (each in turn, so the campaign's own silo is among them) and
/// started again, until the campaign completes. The simulator's record must show each recipient received the message once:
/// sends cut short by a kill were resolved by looking in the dialog, not sent blindly again.</summary>
[Trait("Category", "Failover")]
public sealed class CampaignKillFailoverTests(ITestOutputHelper output)
{
    private const int Silos = 3;
    private const int Accounts = 20;
    private const int Recipients = 5000;
    private static readonly TimeSpan KillEvery = TimeSpan.FromSeconds(20);
    /// <summary>From the campaign's creation: about a minute of sending, with room for a loaded machine.</summary>
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(150);

    /// <summary>Campaign timings shortened to seconds (documented settings), on top of the failover tests' own.</summary>
    private static readonly IReadOnlyDictionary<string, string> SiloSettings = new Dictionary<string, string>(FleetChecks.SiloSettings)
    {
        ["Cluster__Campaigns__NotActiveRest"] = "00:00:01",
        ["Cluster__Campaigns__InDoubtRecheck"] = "00:00:01",
        ["Cluster__Campaigns__ErrorBackoff"] = "00:00:01",
    };

    [Fact]
    public async Task Silos_killed_every_20_s_never_make_a_campaign_message_anyone_twice_nor_skip_anyone()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ProcessCluster.StartAsync(Silos, SiloSettings, ["--no-limits"]);
        Log(clock, $"{Silos} silos ready");
        var fleet = new ForwardingFleet(cluster);
        var accounts = new List<FleetAccount>();
        foreach (var batch in Enumerable.Range(1, Accounts).Chunk(5))
            accounts.AddRange(await Task.WhenAll(batch.Select(i => fleet.AddAccountAsync($"cmp-{i:D2}"))));
        var users = new List<long>(Recipients);
        foreach (var batch in Enumerable.Range(1, Recipients).Chunk(50))
            users.AddRange((await Task.WhenAll(batch.Select(i => cluster.Simulator.CreateUserAsync("Reader " + i, $"reader_{i:D5}")))).Select(u => u.Id));
        Log(clock, $"{Accounts} accounts and {Recipients} recipients ready");

        const string text = "Winter sale e2e-kill";
        var campaign = cluster.Grains.GetGrain<ICampaignGrain>("e2e-kill");
        var created = await campaign.CreateAsync(new CampaignDefinition
        {
            Name = "kill -9 every 20 s",
            Message = new CampaignMessage([MessageText.Plain(text + ", {name|friend}!")]),
            Pool = new CampaignAccountPool(accounts.Select(a => a.AccountId).ToList()),
            // A short random delay per account keeps the campaign sending through several kills (about a minute in all).
            Limits = new CampaignLimits { PerAccountHourly = null, PerAccountDaily = null, MinDelay = TimeSpan.FromMilliseconds(150), MaxDelay = TimeSpan.FromMilliseconds(250) },
            Retry = new CampaignRetryPolicy(5, TimeSpan.FromSeconds(1)),
            StartNow = true,
        }, users.Select((id, i) => new CampaignRecipient(i % 2 == 0 ? id.ToString() : $"@reader_{i + 1:D5}")).ToList());
        Log(clock, $"campaign created: {created.Status.Counts.Total} recipients in {created.Status.Chunks} chunks, {created.Status.State}");

        var kills = 0;
        var sendingSince = clock.Elapsed;
        var lastKill = clock.Elapsed;
        CampaignStatus status;
        while (true)
        {
            status = await StatusAsync(campaign);
            if (status.State is CampaignState.Completed or CampaignState.Paused or CampaignState.Cancelled) break;
            if (clock.Elapsed - sendingSince > CompletionTimeout) break;
            if (clock.Elapsed - lastKill >= KillEvery)
            {
                var slot = kills % Silos;
                await cluster.KillAsync(slot);
                cluster.StartSilo(slot);
                kills++;
                lastKill = clock.Elapsed;
                Log(clock, $"kill {kills}: slot {slot} killed and started again; {CampaignProgress(status)}");
            }
            cluster.RestartExitedSilos();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        Log(clock, $"campaign {status.State} ({status.Reason}): {CampaignProgress(status)}; sends in doubt after the kills: {status.InDoubtFound} found in their dialogs, {status.InDoubtNotFound} not found (sent then), {status.ResentAfterDoubt} sent again without a check");

        var received = await cluster.Simulator.ReceivedAsync(text);
        var twice = users.Where(u => received.GetValueOrDefault(u) > 1).ToList();
        var never = users.Where(u => received.GetValueOrDefault(u) == 0).ToList();
        Log(clock, $"simulator's record: {received.Count} recipients got it, {twice.Count} more than once, {never.Count} never; {kills} kills");

        Assert.True(kills >= 2, $"only {kills} kill(s) happened while the campaign sent: the test did not test failover");
        Assert.True(status.State == CampaignState.Completed, $"the campaign is {status.State} ({status.Reason}) after {clock.Elapsed}: {CampaignProgress(status)}{Environment.NewLine}{cluster.Diagnostics()}");
        Assert.Equal(new CampaignCounts(Recipients, 0, 0, Recipients, 0, 0), status.Counts);
        Assert.True(twice.Count == 0, $"{twice.Count} recipients got the message more than once, e.g. {string.Join(", ", twice.Take(5))}");
        Assert.True(never.Count == 0, $"{never.Count} recipients never got the message, e.g. {string.Join(", ", never.Take(5))}");
        Assert.Equal(Recipients, status.Accounts.Sum(a => a.Sent));
    }

    /// <summary>The campaign's status, asked again while its silo is being replaced.</summary>
    private static async Task<CampaignStatus> StatusAsync(ICampaignGrain campaign)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await campaign.GetStatusAsync(); }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < 30) { await Task.Delay(TimeSpan.FromSeconds(1)); }
        }
    }

    private static string CampaignProgress(CampaignStatus s) => $"sent {s.Counts.Sent}, pending {s.Counts.Pending}, in doubt {s.Counts.Sending}, failed {s.Counts.Failed}, skipped {s.Counts.Skipped}";

    private void Log(Stopwatch clock, string message) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {message}");
}

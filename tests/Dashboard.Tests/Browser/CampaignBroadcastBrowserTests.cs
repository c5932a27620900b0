using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Dashboard.Tests.Infrastructure;
using Cluster.EndToEnd.Tests.Broadcasts;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Demo;
using Xunit.Abstractions;

namespace Cluster.Dashboard.Tests.Browser;

/// <summary>The Telegram page's campaign and broadcast tables in real headless Chromium, against one silo process on the
/// simulator's demo world: the README's campaign (demo-alice and demo-carol to docs/examples/demo-audience.csv) and a broadcast
/// of the demo bot to users who started it (two of whom then blocked it), both created through the admin bot's command line.
/// The page shows each with its id, name or bot, state and counts, and its final row carries the numbers the grains report and
/// the simulator recorded (everyone in the audience got the campaign's message once; every subscriber who had not blocked the bot
/// got the broadcast once). Every redraw seen on the way is checked too: sent never goes down and never exceeds the recipients.
/// No console error and no HTTP error on the way; a screenshot is saved.</summary>
[Trait("Category", "Browser")]
public sealed class CampaignBroadcastBrowserTests(ITestOutputHelper output)
{
    private const int Subscribers = 60, Blockers = 2;
    private const string BroadcastText = "Browser test broadcast: the demo bot says hello";

    /// <summary>The columns of the campaigns table (Silo/Dashboard/wwwroot/dashboard.js).</summary>
    private static class CampaignColumn
    {
        public const int Id = 0, Name = 1, State = 2, Total = 3, Sent = 4, Failed = 5, Skipped = 6, Pending = 7, InDoubt = 8, Progress = 9, Updated = 10;
    }

    /// <summary>The columns of the broadcasts table.</summary>
    private static class BroadcastColumn
    {
        public const int Id = 0, Bot = 1, Phase = 2, Silo = 3, Total = 4, Sent = 5, Failed = 6, Blocked = 7, Unconfirmed = 8, Pending = 9, Rate = 10, Eta = 11;
    }

    [Fact]
    public async Task The_campaign_and_broadcast_tables_follow_both_to_the_numbers_the_simulator_recorded()
    {
        await using var browser = await DashboardBrowser.OpenAsync(output);
        await using var cluster = await SimulatedCluster.StartAsync(1, DashboardBrowser.SiloSettings);
        var silo = cluster.Silos[0];
        await using var client = await ClusterClient.ConnectAsync(silo);
        using var simulator = new SimulatorControl(cluster.Simulator.BaseUrl);
        using var bots = new BroadcastSimulator(cluster.Simulator.BaseUrl);
        var cli = new Dictionary<string, string> { ["Cluster__Gateways__0"] = $"127.0.0.1:{silo.GatewayPort}" };
        var botId = long.Parse(DemoWorld.BotToken[..DemoWorld.BotToken.IndexOf(':')], CultureInfo.InvariantCulture);

        // Subscribers of the demo bot: users who started it; the first two then block it (the simulator tells the bot nothing
        // of a block: it learns it from the 403 its broadcast gets).
        var users = new List<long>();
        for (var i = 0; i < Subscribers; i++)
        {
            var user = await simulator.CreateUserAsync($"Subscriber {i}", $"browser_subscriber_{i}");
            await bots.StartBotAsync(botId, user.Id);
            users.Add(user.Id);
        }
        foreach (var user in users.Take(Blockers)) await bots.BlockBotAsync(botId, user);
        var buckets = Enumerable.Range(0, BroadcastKeys.SubscriberBuckets)
            .Select(b => client.Grains.GetGrain<IBotSubscribersGrain>(BroadcastKeys.Bucket(botId, b))).ToList();
        await Eventually.WaitAsync(async () => (await Task.WhenAll(buckets.Select(b => b.GetAsync()))).Sum(l => l.Active.Count + l.Blocked.Count),
            n => n == Subscribers, $"the bot to record its {Subscribers} subscribers");

        // The page is open before anything is created, and notes every redraw of the two tables.
        var page = browser.Page;
        var response = await page.GotoAsync($"http://127.0.0.1:{silo.HttpPort}/");
        Assert.Equal(200, response?.Status);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#accounts tr[data-account-id]').length >= 3", null, new() { Timeout = 30_000 });
        await page.EvaluateAsync(@"() => {
            window.__rows = [];
            const note = () => {
              for (const [table, key] of [['campaigns', 'campaignId'], ['broadcasts', 'broadcastId']])
                for (const row of document.querySelectorAll(`#${table} tr[data-${table === 'campaigns' ? 'campaign' : 'broadcast'}-id]`))
                  window.__rows.push({ table, id: row.dataset[key], cells: [...row.cells].map(c => c.textContent) });
            };
            new MutationObserver(note).observe(document.querySelector('main'), { childList: true, subtree: true });
          }");

        // The README's campaign, and a broadcast, as an operator starts them on the command line.
        var audience = Path.Combine(ArtifactPaths.RepositoryRoot ?? throw new InvalidOperationException("The tests do not run from the repository."),
            "docs", "examples", "demo-audience.csv");
        var audienceSize = File.ReadLines(audience).Skip(1).Count(l => l.Trim().Length > 0);
        const string campaignText = "Hi {first_name|there}, 20% off today";
        var campaignCli = AdminBotProcess.RunCliAsync(cli, "new_campaign", "sale1", "--message", campaignText,
            "--accounts", "demo-alice,demo-carol", "--audience-file", audience, "--hourly", "20", "--daily", "100", "--delay", "2-5", "--start");
        var broadcastCli = AdminBotProcess.RunCliAsync(cli, "broadcast", botId.ToString(CultureInfo.InvariantCulture), "--text", BroadcastText);
        var (created, started) = (await campaignCli, await broadcastCli);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.StartsWith($"Campaign sale1 created with {audienceSize} recipients in 1 chunk(s), 2 account(s): running.", created.Output);
        Assert.True(started.ExitCode == 0, started.ToString());
        var broadcastId = Regex.Match(started.Output, @"^Broadcast (\S+) started\.").Groups[1].Value;
        Assert.True(broadcastId.Length > 0, started.ToString());
        output.WriteLine($"campaign sale1 to {audienceSize}, broadcast {broadcastId} to {Subscribers} subscribers ({Blockers} of whom blocked the bot)");

        // Both rows come and reach their end on the page, without a reload.
        await page.WaitForFunctionAsync(
            @"([campaign, broadcast]) => {
                const c = document.querySelector(`#campaigns tr[data-campaign-id=""${campaign}""]`);
                const b = document.querySelector(`#broadcasts tr[data-broadcast-id=""${broadcast}""]`);
                return c && b && c.cells[2].textContent === 'Completed' && b.cells[2].textContent === 'Completed';
            }",
            new[] { "sale1", broadcastId }, new() { Timeout = 45_000, PollingInterval = 250 });
        // The registry's summary and the broadcast's progress may be a refresh behind the grains' final word: the page must
        // reach it, and stay there.
        var campaign = await client.Grains.GetGrain<ICampaignGrain>("sale1").GetStatusAsync();
        var broadcast = await client.Grains.GetGrain<IBroadcastGrain>(broadcastId).GetProgressAsync();
        var (campaignRow, broadcastRow) = await Eventually.WaitAsync(
            async () => new Rows(await RowAsync("campaigns", "campaign", "sale1"), await RowAsync("broadcasts", "broadcast", broadcastId)),
            rows => Number(rows.Campaign[CampaignColumn.Sent]) == campaign.Counts.Sent && Number(rows.Broadcast[BroadcastColumn.Sent]) == broadcast.Sent,
            $"the page to show the final sent counts ({campaign.Counts.Sent} and {broadcast.Sent})", TimeSpan.FromSeconds(15));
        output.WriteLine("campaign row: " + string.Join(" | ", campaignRow));
        output.WriteLine("broadcast row: " + string.Join(" | ", broadcastRow));
        await browser.SaveScreenshotAsync("dashboard-campaign-and-broadcast.png");

        // The campaign: the simulator recorded the message once for each of the audience, and the row says so.
        var received = await simulator.ReceivedAsync("20% off today");
        Assert.Equal(audienceSize, received.Count);
        Assert.All(received, r => Assert.True(r.Value == 1, $"user {r.Key} got the campaign's message {r.Value} times"));
        Assert.Equal(CampaignState.Completed, campaign.State);
        Assert.Equal(new CampaignCounts(audienceSize, 0, 0, audienceSize, 0, 0), campaign.Counts);
        Assert.Equal("sale1", campaignRow[CampaignColumn.Id]);
        Assert.Equal(campaign.Name, campaignRow[CampaignColumn.Name]);
        Assert.Equal("Completed", campaignRow[CampaignColumn.State]);
        Assert.Equal(audienceSize, Number(campaignRow[CampaignColumn.Total]));
        Assert.Equal(received.Count, Number(campaignRow[CampaignColumn.Sent]));
        Assert.Equal(0, Number(campaignRow[CampaignColumn.Failed]));
        Assert.Equal(0, Number(campaignRow[CampaignColumn.Skipped]));
        Assert.Equal(0, Number(campaignRow[CampaignColumn.Pending]));
        Assert.Equal(0, Number(campaignRow[CampaignColumn.InDoubt]));
        Assert.Equal("100%", campaignRow[CampaignColumn.Progress]);
        Assert.Matches(@"^(\d{1,2}/\d{1,2}/\d{4}, )?\d{1,2}:\d{2}:\d{2}( [AP]M)?$", campaignRow[CampaignColumn.Updated]);

        // The broadcast: every subscriber who had not blocked the bot got it once, the others not at all, and the row says so.
        var delivered = (await bots.PrivateMessagesAsync(botId)).Where(m => m.Text == BroadcastText).GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(users.Skip(Blockers).Order(), delivered.Keys.Order());
        Assert.All(delivered, d => Assert.True(d.Value == 1, $"user {d.Key} got the broadcast {d.Value} times"));
        Assert.Equal(BroadcastPhase.Completed, broadcast.Phase);
        Assert.Equal((Subscribers, Subscribers - Blockers, 0, Blockers, 0, 0),
            (broadcast.Total, broadcast.Sent, broadcast.Failed, broadcast.Blocked, broadcast.Unconfirmed, broadcast.Pending));
        Assert.Equal(broadcastId, broadcastRow[BroadcastColumn.Id]);
        Assert.Equal(botId.ToString(CultureInfo.InvariantCulture), broadcastRow[BroadcastColumn.Bot]);
        Assert.Equal("Completed", broadcastRow[BroadcastColumn.Phase]);
        Assert.Equal("–", broadcastRow[BroadcastColumn.Silo]);
        Assert.Equal(Subscribers, Number(broadcastRow[BroadcastColumn.Total]));
        Assert.Equal(delivered.Count, Number(broadcastRow[BroadcastColumn.Sent]));
        Assert.Equal(0, Number(broadcastRow[BroadcastColumn.Failed]));
        Assert.Equal(Blockers, Number(broadcastRow[BroadcastColumn.Blocked]));
        Assert.Equal(0, Number(broadcastRow[BroadcastColumn.Unconfirmed]));
        Assert.Equal(0, Number(broadcastRow[BroadcastColumn.Pending]));
        Assert.Equal("–", broadcastRow[BroadcastColumn.Rate]);
        Assert.Equal("–", broadcastRow[BroadcastColumn.Eta]);

        // Every redraw on the way: sent never went down, never past the recipients, and a finished row never ran again.
        var history = await page.EvaluateAsync<JsonElement>("() => window.__rows");
        var seen = history.EnumerateArray()
            .Select(r => (Table: r.GetProperty("table").GetString()!, Id: r.GetProperty("id").GetString()!,
                Cells: r.GetProperty("cells").EnumerateArray().Select(c => c.GetString()!).ToArray()))
            .Where(r => r.Id == "sale1" || r.Id == broadcastId).ToList();
        output.WriteLine($"{seen.Count} redraws of the two rows seen");
        foreach (var (table, states, stateColumn, sentColumn, totalColumn) in new[]
        {
            ("campaigns", new[] { "Draft", "Running", "Waiting", "Completed" }, CampaignColumn.State, CampaignColumn.Sent, CampaignColumn.Total),
            ("broadcasts", new[] { "Running", "Completed" }, BroadcastColumn.Phase, BroadcastColumn.Sent, BroadcastColumn.Total),
        })
        {
            var rows = seen.Where(r => r.Table == table).Select(r => r.Cells).ToList();
            Assert.NotEmpty(rows);
            // What the page showed on the way, each different row once.
            foreach (var shown in rows.Select(r => string.Join(" | ", r)).Distinct()) output.WriteLine($"{table}: {shown}");
            for (var i = 0; i < rows.Count; i++)
            {
                var row = string.Join(" | ", rows[i]);
                Assert.True(states.Contains(rows[i][stateColumn]), $"{table}: unexpected state in {row}");
                Assert.True(Number(rows[i][sentColumn]) <= Number(rows[i][totalColumn]), $"{table}: more sent than recipients in {row}");
                if (i == 0) continue;
                Assert.True(Number(rows[i][sentColumn]) >= Number(rows[i - 1][sentColumn]), $"{table}: sent went down to {row} from {string.Join(" | ", rows[i - 1])}");
                Assert.False(rows[i - 1][stateColumn] == "Completed" && rows[i][stateColumn] != "Completed", $"{table}: left Completed for {row}");
            }
        }

        var errors = browser.Errors;
        Assert.True(errors.Count == 0, "console errors: " + string.Join(" | ", errors));

        async Task<string[]> RowAsync(string table, string kind, string id)
            => await page.EvalOnSelectorAsync<string[]>($"#{table} tr[data-{kind}-id=\"{id}\"]", "row => [...row.cells].map(c => c.textContent)");
    }

    /// <summary>The cells of the campaign's and the broadcast's rows.</summary>
    private sealed record Rows(string[] Campaign, string[] Broadcast)
    {
        public override string ToString() => $"campaign row {string.Join(" | ", Campaign)}; broadcast row {string.Join(" | ", Broadcast)}";
    }

    /// <summary>A count as the page writes it (en-US grouping); a count shown as "–" fails the test.</summary>
    private static int Number(string cell) => int.Parse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}

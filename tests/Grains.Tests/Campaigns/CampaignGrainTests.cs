using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;

namespace Cluster.Grains.Tests.Campaigns;

/// <summary>Campaigns on an Orleans test cluster against the simulator: chunked audiences, the states, Telegram's answers
/// steering the pool, and bad input refused with nothing created.</summary>
[Trait("Category", "Cluster")]
public sealed class CampaignGrainTests
{
    [Fact]
    public async Task A_campaign_sends_once_to_every_recipient_from_chunks_of_its_own()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var accounts = new[] { await world.AddAccountAsync("c1-a"), await world.AddAccountAsync("c1-b", premium: true), await world.AddAccountAsync("c1-c") };
        var users = world.AddRecipients(450);
        // A mix of the three reference kinds, and one repeat (the same user by id and again by id).
        var audience = users.Select((u, i) => new CampaignRecipient((i % 3) switch { 0 => u.Id.ToString(), 1 => "@" + u.Username, _ => $"+1777{i + 1:D7}" }))
            .Append(new CampaignRecipient(users[0].Id.ToString())).ToList();
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c1");

        var created = await campaign.CreateAsync(CampaignTestWorld.Definition("Sale c1", accounts), audience);
        Assert.Equal(1, created.DuplicatesDropped);
        Assert.Equal(5, created.Status.Chunks);

        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);
        Assert.Equal(new CampaignCounts(450, 0, 0, 450, 0, 0), done.Counts);
        var received = world.Received("Sale c1");
        Assert.Equal(450, received.Count);
        Assert.All(users, u => Assert.Equal(1, received.GetValueOrDefault(u.Id)));
        Assert.Equal(450, done.Accounts.Sum(a => a.Sent));
        Assert.Equal("c1-b", done.Accounts[0].AccountId); // premium first
        Assert.All(done.Accounts, a => Assert.True(a.Sent > 0, $"{a.AccountId} sent nothing"));

        // The campaign's own state holds no recipients; each chunk holds its own hundred, each sent with a message id.
        var stored = world.Cluster.ReadState<CampaignGrainState>("campaign", campaign.GetGrainId())!;
        Assert.Equal(5, stored.Chunks.Count);
        var chunk = world.Cluster.ReadState<CampaignChunkState>("campaign-chunk", world.Grains.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf("c1", 4)).GetGrainId())!;
        Assert.Equal(400, chunk.FirstPosition);
        Assert.Equal(50, chunk.Recipients.Count);
        var recipients = await world.RecipientsAsync("c1", 5);
        Assert.All(recipients, r => Assert.True(r.State == RecipientState.Sent && r.MessageId > 0 && r.AccountId is not null, r.ToString()));
        Assert.Contains(await world.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListAsync(), s => s.CampaignId == "c1");
    }

    [Fact]
    public async Task Recipients_that_cannot_be_written_to_are_skipped_with_the_reason_and_not_retried()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("c2-a");
        var users = world.AddRecipients(4);
        world.World.SetUserPrivacy(users[1].Id, refuseStrangers: true);
        world.World.BlockUser(users[2].Id, account.UserId);
        var audience = users.Select(u => new CampaignRecipient("@" + u.Username)).Append(new CampaignRecipient("@nobody_here_at_all")).ToList();
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c2");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Notice c2", [account]), audience);
        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);

        Assert.Equal(new CampaignCounts(5, 0, 0, 2, 0, 3), done.Counts);
        var byReference = (await world.RecipientsAsync("c2", 1)).ToDictionary(r => r.Reference);
        Assert.Equal(SkipReason.Privacy, byReference["@" + users[1].Username].Reason);
        Assert.Equal(SkipReason.Blocked, byReference["@" + users[2].Username].Reason);
        Assert.Equal(SkipReason.NotFound, byReference["@nobody_here_at_all"].Reason);
        Assert.All(byReference.Values.Where(r => r.State == RecipientState.Skipped), r => Assert.Equal(1, r.Attempts));
        Assert.Equal(2, world.Received("Notice c2").Count);
    }

    [Fact]
    public async Task A_flood_wait_rests_that_account_and_the_others_take_its_share()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var flooded = await world.AddAccountAsync("c3-flooded");
        var other = await world.AddAccountAsync("c3-other");
        world.Cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Account, flooded.UserId, "send", RetryAfterSeconds: 600));
        var users = world.AddRecipients(60);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c3");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Flood c3", [flooded, other]), users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);

        Assert.Equal(60, done.Counts.Sent);
        var f = done.Accounts.Single(a => a.AccountId == flooded.AccountId);
        Assert.Equal((0, 1, CampaignAccountState.Resting), (f.Sent, f.FloodWaits, f.State));
        Assert.True(f.Until > DateTimeOffset.UtcNow.AddMinutes(10), $"cooldown ends {f.Until}: the account's multiplier applies (600 s x 1.5)");
        Assert.Equal(60, done.Accounts.Single(a => a.AccountId == other.AccountId).Sent);
        Assert.All(users, u => Assert.Equal(1, world.Received("Flood c3").GetValueOrDefault(u.Id)));
    }

    [Fact]
    public async Task When_every_account_cools_down_the_campaign_waits_and_then_carries_on()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("c4-a");
        var users = world.AddRecipients(10);
        world.Cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Account, account.UserId, "send", Count: 1, RetryAfterSeconds: 2));
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c4");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Wait c4", [account]), users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        var waiting = await world.WaitForStateAsync(campaign, CampaignState.Waiting, TimeSpan.FromSeconds(20));
        Assert.Contains("every account is resting", waiting.Reason);
        Assert.NotNull(waiting.WakeAt);
        var sendsWhileWaiting = world.Cluster.Simulator.Calls.Records(SimClientKind.Account, account.UserId, null, "send").Count;

        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);
        Assert.Equal(10, done.Counts.Sent);
        // Waiting did not spin: the account was not asked to send while it cooled down (one refused send, then the ten).
        Assert.Equal(11, world.Cluster.Simulator.Calls.Records(SimClientKind.Account, account.UserId, null, "send").Count);
        Assert.True(sendsWhileWaiting <= 1);
    }

    [Fact]
    public async Task Peer_flood_stops_that_account_for_the_campaign_and_with_none_left_the_campaign_pauses_and_says_why()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var a = await world.AddAccountAsync("c5-a");
        var b = await world.AddAccountAsync("c5-b");
        var limits = world.World.Options.Limits;
        limits.StrangerMessagesPerWindow = 2;
        limits.AccountMessagesPerWindow = 1000;
        limits.Enabled = true;
        var users = world.AddRecipients(6);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c5");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Peer c5", [a, b]), users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        var paused = await world.WaitForStateAsync(campaign, CampaignState.Paused);

        Assert.Contains("no account left to send from", paused.Reason);
        Assert.Contains("PEER_FLOOD", paused.Reason);
        Assert.All(paused.Accounts, x => Assert.Equal((CampaignAccountState.PeerFlooded, 2), (x.State, x.Sent)));
        Assert.Equal((4, 2), (paused.Counts.Sent, paused.Counts.Pending));
        // The account itself is not in cooldown: its other work (pairs) goes on.
        Assert.Equal(Cluster.Grains.Abstractions.Accounts.AccountState.Active, (await a.Grain.GetStatusAsync()).State);
    }

    [Fact]
    public async Task A_banned_account_leaves_the_pool_and_the_others_finish()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var banned = await world.AddAccountAsync("c6-banned");
        var other = await world.AddAccountAsync("c6-other");
        world.World.BanAccount(banned.UserId);
        var users = world.AddRecipients(30);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c6");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Ban c6", [banned, other]), users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);

        Assert.Equal(30, done.Counts.Sent);
        var b = done.Accounts.Single(x => x.AccountId == banned.AccountId);
        Assert.Equal(CampaignAccountState.Removed, b.State);
        Assert.Contains("left the pool", b.Reason);
        Assert.All(users, u => Assert.Equal(1, world.Received("Ban c6").GetValueOrDefault(u.Id)));
    }

    [Fact]
    public async Task Draft_start_pause_resume_and_cancel()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("c7-a");
        var users = world.AddRecipients(20);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c7");
        var definition = CampaignTestWorld.Definition("States c7", [account], start: false) with
        {
            Limits = new CampaignLimits { PerAccountHourly = null, PerAccountDaily = null, MinDelay = TimeSpan.FromMilliseconds(300), MaxDelay = TimeSpan.FromMilliseconds(300) },
        };

        var created = await campaign.CreateAsync(definition, users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        Assert.Equal(CampaignState.Draft, created.Status.State);
        await Task.Delay(500);
        Assert.Empty(world.Received("States c7"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => campaign.ResumeAsync());

        await campaign.StartAsync();
        await Eventually.WaitAsync(() => world.Received("States c7").Count, n => n >= 2, "a few sends");
        var paused = await campaign.PauseAsync();
        Assert.Equal(CampaignState.Paused, paused.State);
        var sentAtPause = world.Received("States c7").Count;
        await Task.Delay(1000);
        Assert.Equal(sentAtPause, world.Received("States c7").Count);

        await campaign.ResumeAsync();
        await Eventually.WaitAsync(() => world.Received("States c7").Count, n => n > sentAtPause, "sends after resuming");
        var cancelled = await campaign.CancelAsync();
        Assert.Equal(CampaignState.Cancelled, cancelled.State);
        await Task.Delay(1000);
        var final = await campaign.GetStatusAsync();
        Assert.Equal(world.Received("States c7").Count, final.Counts.Sent);
        Assert.True(final.Counts.Pending > 0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => campaign.StartAsync());
    }

    [Fact]
    public async Task A_pool_given_by_a_tag_takes_in_accounts_tagged_later_when_started_or_resumed_and_keeps_the_others()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var first = await world.AddAccountAsync("t1-a");
        var users = world.AddRecipients(60);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("t1");
        // Every test account's label carries "#campaign" (CampaignTestWorld).
        var definition = CampaignTestWorld.Definition("Tagged t1", [first], start: false) with { Pool = new CampaignAccountPool([], "#campaign") };

        var created = await campaign.CreateAsync(definition, users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        Assert.Equal(["t1-a"], created.Status.Accounts.Select(a => a.AccountId));
        var second = await world.AddAccountAsync("t1-b", premium: true);
        await TaggedInFleetAsync(world, second.AccountId);

        var started = await campaign.StartAsync();
        Assert.Equal(["t1-b", "t1-a"], started.Accounts.Select(a => a.AccountId)); // premium first
        await campaign.PauseAsync();
        var third = await world.AddAccountAsync("t1-c");
        await TaggedInFleetAsync(world, third.AccountId);
        // Untagged meanwhile: it stays in the pool (a send in doubt is looked up through the account that made it).
        await first.Grain.ConfigureAsync(new AccountConfiguration { ApiId = 12345, ApiHash = "hash-t1-a", PhoneNumber = first.Phone, Label = "untagged" });

        var resumed = await campaign.ResumeAsync();
        Assert.Equal(["t1-b", "t1-a", "t1-c"], resumed.Accounts.Select(a => a.AccountId));
        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed);
        Assert.Equal(60, done.Counts.Sent);
        Assert.All(world.Received("Tagged t1").Values, n => Assert.Equal(1, n));
        Assert.True(done.Accounts.Single(a => a.AccountId == "t1-c").Sent > 0, "the account tagged before the resume sent");
    }

    private static Task TaggedInFleetAsync(CampaignTestWorld world, string accountId)
        => Eventually.WaitAsync(() => world.Grains.GetGrain<Cluster.Grains.Abstractions.Registry.IFleetRegistryGrain>(Cluster.Grains.Abstractions.Registry.IFleetRegistryGrain.Key).ListAccountsAsync(),
            fleet => fleet.Any(a => a.AccountId == accountId && a.Label?.Contains("#campaign") == true), $"{accountId} tagged in the fleet list");

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_is_created()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("c8-a");
        var users = world.AddRecipients(3);
        var audience = users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList();
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c8");

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(CampaignTestWorld.Definition("x", [account]) with
        {
            Pool = new CampaignAccountPool(["c8-a", "no-such-account"]),
        }, audience));
        Assert.Contains("Unknown account: no-such-account", unknown.Message);
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(CampaignTestWorld.Definition("", [account]), audience));
        Assert.Contains("message is empty", empty.Message);
        var zero = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(CampaignTestWorld.Definition("x", [account]) with
        {
            Limits = new CampaignLimits { PerAccountHourly = 0 },
        }, audience));
        Assert.Contains("at least 1 (is 0)", zero.Message);
        var past = await Assert.ThrowsAsync<ArgumentException>(() => campaign.CreateAsync(CampaignTestWorld.Definition("x", [account]) with
        {
            Schedule = new CampaignSchedule(DateTimeOffset.UtcNow.AddDays(-1)),
        }, audience));
        Assert.Contains("in the past", past.Message);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => campaign.GetStatusAsync());
        Assert.Null(world.Cluster.ReadState<CampaignChunkState>("campaign-chunk", world.Grains.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf("c8", 0)).GetGrainId()));
        // The same id works once the input is right.
        var created = await campaign.CreateAsync(CampaignTestWorld.Definition("Fine c8", [account]), audience);
        Assert.Equal(3, created.Status.Counts.Total);
        await Assert.ThrowsAsync<InvalidOperationException>(() => campaign.CreateAsync(CampaignTestWorld.Definition("Again", [account]), audience));
    }

    [Fact]
    public async Task Per_account_limits_are_never_exceeded_and_the_campaign_waits_for_the_next_window()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var a = await world.AddAccountAsync("c9-a");
        var b = await world.AddAccountAsync("c9-b");
        var users = world.AddRecipients(10);
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c9");
        var definition = CampaignTestWorld.Definition("Limits c9", [a, b]) with
        {
            Limits = new CampaignLimits { PerAccountHourly = 3, PerAccountDaily = 3, CampaignHourly = 5, MinDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
        };

        await campaign.CreateAsync(definition, users.Select(u => new CampaignRecipient(u.Id.ToString())).ToList());
        var waiting = await world.WaitForStateAsync(campaign, CampaignState.Waiting);

        // The campaign-wide hourly limit (5) comes first: 5 sent, no account past its 3.
        Assert.Contains("campaign's hourly limit is reached", waiting.Reason);
        Assert.Equal(5, waiting.Counts.Sent);
        Assert.All(waiting.Accounts, x => Assert.True(x.Sent <= 3, $"{x.AccountId} sent {x.Sent}"));
        Assert.Equal(5, world.Received("Limits c9").Count);
        Assert.True(waiting.WakeAt > DateTimeOffset.UtcNow, "it sleeps until the next hour");
        await Task.Delay(1000);
        Assert.Equal(5, world.Received("Limits c9").Count);
    }

    [Fact]
    public async Task A_100000_recipient_campaign_is_created_and_runs_with_only_the_chunk_at_work_in_memory()
    {
        await using var world = await CampaignTestWorld.StartAsync(chunkSize: 1000);
        var account = await world.AddAccountAsync("c10-a");
        var audience = Enumerable.Range(0, 100_000).Select(i => new CampaignRecipient($"+1999{i:D7}")).ToList();
        var campaign = world.Grains.GetGrain<ICampaignGrain>("c10");

        var created = await campaign.CreateAsync(CampaignTestWorld.Definition("Big c10", [account], start: false), audience);
        Assert.Equal((100_000, 100), (created.Status.Counts.Total, created.Status.Chunks));
        // The campaign's own record holds no recipient: one small entry per chunk.
        var stored = world.Cluster.States.ReadBytes("campaign", campaign.GetGrainId())!;
        Assert.True(stored.Length < 60_000, $"the campaign's state is {stored.Length} bytes");
        Assert.DoesNotContain("+1999", System.Text.Encoding.UTF8.GetString(stored));

        await campaign.StartAsync();
        // Nobody has these phone numbers: the recipients are skipped as not found, chunk after chunk.
        await Eventually.WaitAsync(() => campaign.GetStatusAsync(), s => s.Counts.Skipped >= 1500, "a chunk and a half worked through", TimeSpan.FromSeconds(60));
        await campaign.PauseAsync();
        var management = world.Grains.GetGrain<IManagementGrain>(0);
        var chunks = (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("CampaignChunk", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        Assert.True(chunks <= 3, $"{chunks} chunk activations in memory while the campaign worked on its second chunk");
        var status = await campaign.GetStatusAsync();
        Assert.Equal(100_000, status.Counts.Total);
        Assert.Equal(SkipReason.NotFound, (await world.Grains.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf("c10", 0)).ListAsync(RecipientState.Skipped))[0].Reason);
    }
}

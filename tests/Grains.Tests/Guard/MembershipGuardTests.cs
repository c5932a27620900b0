using Cluster.Grains.Abstractions.Guard;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Guard;

/// <summary>The membership guard end to end: a bot grain polling the in-process simulator over the product's BotClient, routing to
/// protected-group and enforced-channel grains on an in-process silo; everything is checked in the simulated Telegram.</summary>
public sealed class MembershipGuardTests(GuardCluster cluster) : IClassFixture<GuardCluster>
{
    private SimWorld W => cluster.World;

    [Fact]
    public async Task A_joiner_missing_the_channel_is_muted_then_verified_then_talks()
    {
        var (group, _, channels) = await cluster.ProtectedGroupAsync("joinflow");
        var user = W.CreateUser("Newcomer");

        W.AddMember(group.Id, user.Id);
        await GuardCluster.Eventually(() => W.GetMember(group.Id, user.Id).Status == SimMemberStatus.Restricted, "the joiner is muted");
        Assert.False(cluster.CanSend(group.Id, user.Id));
        await GuardCluster.Eventually(() => cluster.LatestPrompt(group.Id) is not null, "a prompt with join buttons is posted");
        var prompt = cluster.LatestPrompt(group.Id)!;
        Assert.Contains(prompt.ReplyMarkup!.Rows.SelectMany(r => r), b => b.Url == $"https://t.me/{channels[0].Username}");

        var early = W.PressButton(user.Id, group.Id, prompt.Id, "guard:joined");
        await GuardCluster.Eventually(() => W.GetCallbackAnswer(early) is not null, "the early press is answered");
        Assert.False(cluster.CanSend(group.Id, user.Id));

        W.AddMember(channels[0].Id, user.Id);
        W.PressButton(user.Id, group.Id, prompt.Id, "guard:joined");
        await GuardCluster.Eventually(() => cluster.CanSend(group.Id, user.Id), "the member is unmuted after joining");
        var said = W.SendAsUser(user.Id, group.Id, "hello everyone");
        await Task.Delay(1500);
        Assert.False(W.GetMessage(group.Id, said.Id)!.IsDeleted);
        Assert.Equal(SimMemberStatus.Member, W.GetMember(group.Id, user.Id).Status);
    }

    [Fact]
    public async Task A_join_is_muted_while_the_groups_previous_join_prompt_still_waits_to_be_sent()
    {
        var (group, _, _) = await cluster.ProtectedGroupAsync("promptwait");
        await GuardCluster.Eventually(() => W.GetMessages(group.Id).Any(m => m.SenderUserId == cluster.Bot.UserId && (m.Text ?? "").StartsWith("Protection is on")),
            "the /protect answer is posted");
        var first = W.CreateUser("Early");
        var second = W.CreateUser("Later");

        // The first join prompt is held (as Telegram's limits can hold a send for seconds); the group must not stop handling joins.
        var slow = cluster.Sim.Faults.Add(new SimFaultRule(SimFaultKind.Latency, SimClientKind.Bot, cluster.Bot.UserId, "sendMessage", Count: 1,
            Delay: TimeSpan.FromSeconds(15)));
        try
        {
            W.AddMember(group.Id, first.Id);
            await GuardCluster.Eventually(() => W.GetMember(group.Id, first.Id).Status == SimMemberStatus.Restricted, "the first joiner is muted");
            W.AddMember(group.Id, second.Id);
            await GuardCluster.Eventually(() => W.GetMember(group.Id, second.Id).Status == SimMemberStatus.Restricted, "the second joiner is muted");
            Assert.Null(cluster.LatestPrompt(group.Id)); // muted while the first prompt was still on its way
        }
        finally
        {
            cluster.Sim.Faults.Remove(slow);
        }

        // Both are told: the held prompt names the first, a later one the second.
        await GuardCluster.Eventually(async () => (await cluster.GroupGrain(group.Id).GetStatusAsync()).JoinersAwaitingPrompt == 0,
            "every muted joiner is named in a prompt", seconds: 30);
        var prompts = W.GetMessages(group.Id).Where(m => m.SenderUserId == cluster.Bot.UserId && m.ReplyMarkup?.FindByData("guard:joined") is not null)
            .Select(m => m.Text ?? "").ToList();
        Assert.Contains(prompts, p => p.Contains(first.FirstName, StringComparison.Ordinal));
        Assert.Contains(prompts, p => p.Contains(second.FirstName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscribed_joiner_is_not_muted()
    {
        var (group, _, channels) = await cluster.ProtectedGroupAsync("subscribed");
        var user = W.CreateUser("Reader");
        W.AddMember(channels[0].Id, user.Id);

        W.AddMember(group.Id, user.Id);
        await Task.Delay(2000);
        var said = W.SendAsUser(user.Id, group.Id, "I read the news");
        await Task.Delay(1500);
        Assert.Equal(SimMemberStatus.Member, W.GetMember(group.Id, user.Id).Status);
        Assert.False(W.GetMessage(group.Id, said.Id)!.IsDeleted);
    }

    [Fact]
    public async Task Leaving_a_channel_restricts_the_user_in_every_group_that_links_it()
    {
        var (first, firstOwner, channels) = await cluster.ProtectedGroupAsync("leavea");
        var second = W.CreateSupergroup("leaveb", null, firstOwner.Id);
        W.MakeAdmin(second.Id, cluster.Bot.UserId);
        W.SendAsUser(firstOwner.Id, second.Id, "/protect @" + channels[0].Username);
        await GuardCluster.Eventually(async () => (await cluster.GroupGrain(second.Id).GetStatusAsync()).Enabled, "the second group is protected");
        var user = W.CreateUser("Leaver");
        W.AddMember(channels[0].Id, user.Id);
        W.AddMember(first.Id, user.Id);
        W.AddMember(second.Id, user.Id);
        await Task.Delay(1500);
        Assert.True(cluster.CanSend(first.Id, user.Id));
        Assert.True(cluster.CanSend(second.Id, user.Id));

        W.RemoveMember(channels[0].Id, user.Id);
        await GuardCluster.Eventually(() => !cluster.CanSend(first.Id, user.Id) && !cluster.CanSend(second.Id, user.Id), "restricted in both groups");
    }

    [Fact]
    public async Task Admins_and_the_owner_bypass_the_guard()
    {
        var (group, owner, _) = await cluster.ProtectedGroupAsync("bypass");
        var admin = W.CreateUser("Moderator");
        W.MakeAdmin(group.Id, admin.Id);

        var fromOwner = W.SendAsUser(owner.Id, group.Id, "rules: be nice");
        var fromAdmin = W.SendAsUser(admin.Id, group.Id, "welcome all");
        await Task.Delay(2000);
        Assert.False(W.GetMessage(group.Id, fromOwner.Id)!.IsDeleted);
        Assert.False(W.GetMessage(group.Id, fromAdmin.Id)!.IsDeleted);
        Assert.Equal(0, (await cluster.GroupGrain(group.Id).GetStatusAsync()).MessagesDeleted);
    }

    [Fact]
    public async Task Messages_of_unverified_members_are_deleted_and_warnings_are_rate_limited()
    {
        var (group, owner, _) = await cluster.ProtectedGroupAsync("spam");
        W.SendAsUser(owner.Id, group.Id, "/settings mode delete");
        await GuardCluster.Eventually(async () => (await cluster.GroupGrain(group.Id).GetStatusAsync()).Settings.Mode == GuardMode.DeleteOnly, "delete-only mode");
        var spammer = W.CreateUser("Spammer");
        W.AddMember(group.Id, spammer.Id);
        var sent = new List<SimMessage>();
        for (var i = 0; i < 30; i++) sent.Add(W.SendAsUser(spammer.Id, group.Id, $"buy now {i}"));

        await GuardCluster.Eventually(() => sent.All(m => W.GetMessage(group.Id, m.Id)!.IsDeleted), "every spam message is deleted");
        var status = await cluster.GroupGrain(group.Id).GetStatusAsync();
        Assert.InRange(status.WarningsSent, 1, 2); // the join prompt and at most one warning: one per user per cooldown
        Assert.True(status.WarningsSuppressed >= 28);
        Assert.Equal(0, cluster.Sim.Calls.Count(429));
    }

    [Fact]
    public async Task A_message_is_deleted_while_the_groups_previous_warning_still_waits_to_be_sent()
    {
        var (group, owner, _) = await cluster.ProtectedGroupAsync("warnwait");
        W.SendAsUser(owner.Id, group.Id, "/settings mode delete");
        await GuardCluster.Eventually(async () => (await cluster.GroupGrain(group.Id).GetStatusAsync()).Settings.Mode == GuardMode.DeleteOnly, "delete-only mode");
        SimMessage[] Warnings() => W.GetMessages(group.Id).Where(m => m.SenderUserId == cluster.Bot.UserId && m.ReplyMarkup?.FindByData("guard:joined") is not null).ToArray();
        var talker = W.CreateUser("Talker");
        W.AddMember(group.Id, talker.Id);
        await GuardCluster.Eventually(() => Warnings().Length == 1, "the talker's join is warned about");

        // The next warning is held (as Telegram's limits can hold a send for seconds); the group must go on deleting.
        var slow = cluster.Sim.Faults.Add(new SimFaultRule(SimFaultKind.Latency, SimClientKind.Bot, cluster.Bot.UserId, "sendMessage", Count: 1,
            Delay: TimeSpan.FromSeconds(15)));
        try
        {
            var joiner = W.CreateUser("Joiner");
            W.AddMember(group.Id, joiner.Id);
            var said = W.SendAsUser(talker.Id, group.Id, "unverified talk"); // the talker's warning cooldown keeps this one silent
            await GuardCluster.Eventually(() => W.GetMessage(group.Id, said.Id)!.IsDeleted, "the talker's message is deleted");
            Assert.Single(Warnings()); // deleted while the joiner's warning was still on its way
        }
        finally
        {
            cluster.Sim.Faults.Remove(slow);
        }
        await GuardCluster.Eventually(() => Warnings().Length == 2, "the held warning is posted", seconds: 30);
        Assert.Equal(2, (await cluster.GroupGrain(group.Id).GetStatusAsync()).WarningsSent);
    }

    [Fact]
    public async Task Unmuting_restores_the_permissions_the_member_had_before()
    {
        var (group, _, channels) = await cluster.ProtectedGroupAsync("restore");
        var user = W.CreateUser("Limited");
        W.AddMember(channels[0].Id, user.Id);
        W.AddMember(group.Id, user.Id);
        await Task.Delay(1000);
        var limited = SimPermissions.GroupDefault with { CanSendPhotos = false, CanSendVideos = false };
        W.SetMember(new SimMember(group.Id, user.Id, SimMemberStatus.Restricted, W.Now, Permissions: limited), actorUserId: W.GetChat(group.Id).Id);

        W.RemoveMember(channels[0].Id, user.Id);
        await GuardCluster.Eventually(() => !cluster.CanSend(group.Id, user.Id), "muted after leaving the channel");
        W.AddMember(channels[0].Id, user.Id);
        await GuardCluster.Eventually(() => cluster.LatestPrompt(group.Id) is not null, "a prompt is posted");
        var prompt = cluster.LatestPrompt(group.Id);
        W.PressButton(user.Id, group.Id, prompt!.Id, "guard:joined");
        await GuardCluster.Eventually(() => cluster.CanSend(group.Id, user.Id), "unmuted");
        var member = W.GetMember(group.Id, user.Id);
        Assert.Equal(SimMemberStatus.Restricted, member.Status);
        Assert.False(member.Permissions!.CanSendPhotos);
        Assert.False(member.Permissions.CanSendVideos);
        Assert.True(member.Permissions.CanSendDocuments);
    }

    [Fact]
    public async Task Commands_with_bad_arguments_get_usage_and_non_admins_are_refused()
    {
        var owner = W.CreateUser("Careless owner");
        var group = W.CreateSupergroup("badargs", null, owner.Id);
        W.MakeAdmin(group.Id, cluster.Bot.UserId);
        W.CreateChannel("Hidden", "hidden_news", owner.Id);
        var member = W.CreateUser("Plain member");
        W.AddMember(group.Id, member.Id);

        W.SendAsUser(owner.Id, group.Id, "/protect");
        W.SendAsUser(owner.Id, group.Id, "/protect not-a-channel!");
        W.SendAsUser(owner.Id, group.Id, "/protect @hidden_news");
        W.SendAsUser(owner.Id, group.Id, "/settings volume 11");
        W.SendAsUser(member.Id, group.Id, "/protect @hidden_news");

        string[] BotTexts() => W.GetMessages(group.Id).Where(m => m.SenderUserId == cluster.Bot.UserId).Select(m => m.Text ?? "").ToArray();
        await GuardCluster.Eventually(() => BotTexts().Length >= 5, "five answers");
        var texts = BotTexts();
        Assert.StartsWith("Usage: /protect", texts[0]);
        Assert.Contains("\"not-a-channel!\" is not a channel username or id", texts[1]);
        Assert.Contains("not an administrator of \"Hidden\"", texts[2]);
        Assert.StartsWith("Usage: /settings", texts[3]);
        Assert.Equal("Only the group's administrators can use this command.", texts[4]);
        Assert.False((await cluster.GroupGrain(group.Id).GetStatusAsync()).Enabled);
    }

    [Fact]
    public async Task Losing_admin_rights_in_a_channel_pauses_it_and_tells_the_group_once()
    {
        var (group, owner, channels) = await cluster.ProtectedGroupAsync("lostrights");
        W.SetMember(new SimMember(channels[0].Id, cluster.Bot.UserId, SimMemberStatus.Member, W.Now), owner.Id);
        await GuardCluster.Eventually(async () => (await cluster.GroupGrain(group.Id).GetStatusAsync()).Channels[0].Paused, "the channel is paused");

        var user = W.CreateUser("Unchecked");
        W.AddMember(group.Id, user.Id);
        var said = W.SendAsUser(user.Id, group.Id, "hi");
        await Task.Delay(2000);
        Assert.True(cluster.CanSend(group.Id, user.Id));
        Assert.False(W.GetMessage(group.Id, said.Id)!.IsDeleted);
        Assert.Single(W.GetMessages(group.Id), m => m.SenderUserId == cluster.Bot.UserId && (m.Text ?? "").Contains("no longer an administrator"));
    }

    [Fact]
    public async Task Protect_while_a_channel_leave_is_fanned_out_to_the_group_is_not_a_mutual_wait()
    {
        var (group, owner, channels) = await cluster.ProtectedGroupAsync("cycle");
        var (busy, busyOwner, busyChannels) = await cluster.ProtectedGroupAsync("cyclebusy");
        var user = W.CreateUser("Cycler");
        W.AddMember(channels[0].Id, user.Id);
        W.AddMember(group.Id, user.Id);
        await Task.Delay(1500);
        Assert.True(cluster.CanSend(group.Id, user.Id));
        string[] ProtectionOn() => W.GetMessages(group.Id).Where(m => m.SenderUserId == cluster.Bot.UserId && (m.Text ?? "").StartsWith("Protection is on")).Select(m => m.Text!).ToArray();
        Assert.Single(ProtectionOn());

        // getChat answers slowly. A /protect in another group holds the bot's current batch, so the next /protect (whose group turn
        // then calls the channel grain) and the leave (whose channel turn calls the group grain) arrive in one batch and meet.
        var slow = cluster.Sim.Faults.Add(new SimFaultRule(SimFaultKind.Latency, SimClientKind.Bot, cluster.Bot.UserId, "getChat", Count: 2,
            Delay: TimeSpan.FromSeconds(2)));
        try
        {
            W.SendAsUser(busyOwner.Id, busy.Id, "/protect @" + busyChannels[0].Username);
            await Task.Delay(500);
            W.SendAsUser(owner.Id, group.Id, "/protect @" + channels[0].Username);
            W.RemoveMember(channels[0].Id, user.Id);

            // A mutual wait would hold both grains until the runtime's call timeout (30 s).
            await GuardCluster.Eventually(() => !cluster.CanSend(group.Id, user.Id), "the leaver is muted", seconds: 12);
            await GuardCluster.Eventually(() => ProtectionOn().Length == 2, "the second /protect is answered", seconds: 12);
        }
        finally
        {
            cluster.Sim.Faults.Remove(slow);
        }
    }

    [Fact]
    public async Task Updates_with_unknown_fields_and_kinds_are_ignored()
    {
        var bot = cluster.Grains.GetGrain<IBotGrain>("900001");
        await bot.ConfigureAsync(new BotConfiguration("900001:not-polled-secret", Enabled: false));
        string[] updates =
        [
            """{"update_id":10,"message_reaction":{"chat":{"id":-1001,"type":"supergroup"},"message_id":1,"date":1}}""",
            """{"update_id":11,"message":{"message_id":5,"date":1,"chat":{"id":-1002,"type":"private","brand_new":true},"text":"hi","future_field":{"x":1}}}""",
        ];

        await bot.DeliverAsync(new UpdateBatch(updates, 12));

        var status = await bot.GetStatusAsync();
        Assert.Equal(12, status.NextOffset);
        Assert.Equal(0, status.UpdatesFailed);
        Assert.False(status.Polling);
    }

    [Fact]
    public async Task The_bot_polls_without_conflicts()
    {
        await cluster.ProtectedGroupAsync("conflicts");
        var bot = cluster.Grains.GetGrain<IBotGrain>(cluster.BotKey);
        await GuardCluster.Eventually(async () => (await bot.GetStatusAsync()).NextOffset > 0, "the offset is saved");
        var status = await bot.GetStatusAsync();
        Assert.True(status.Polling, status.ToString());
        Assert.True(status.NextOffset > 0, status.ToString());
        Assert.Equal(0, cluster.Sim.Calls.Count(409));
    }
}

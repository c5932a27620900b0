using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Broadcasts;

/// <summary>Bot broadcasts end to end on an in-process Orleans cluster: the bot grain polls the simulator over Telegram.Bot and
/// records subscribers; broadcast grains send through the limited client; every delivery is checked in the simulated Telegram.</summary>
public sealed class BroadcastTests(BroadcastCluster cluster) : IClassFixture<BroadcastCluster>
{
    private SimWorld W => cluster.World;

    [Fact]
    public async Task Users_who_start_the_bot_or_write_to_it_privately_are_subscribers_and_nobody_else()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("subs", 3);
        var writer = W.CreateUser("writer");
        var stranger = W.CreateUser("stranger");
        W.SendAsUser(writer.Id, bot.UserId, "hello bot");
        await BroadcastCluster.Eventually(async () => (await cluster.SubscribersAsync(bot.UserId)).Active.Contains(writer.Id), "the writer is a subscriber");

        var subscribers = await cluster.SubscribersAsync(bot.UserId);
        Assert.Equal(users.Select(u => u.Id).Append(writer.Id).Order(), subscribers.Active);
        Assert.DoesNotContain(stranger.Id, subscribers.Active);
        Assert.Empty(subscribers.Blocked);
    }

    [Fact]
    public async Task A_broadcast_reaches_every_subscriber_once_with_its_formatting_and_no_429()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("reach", 60);
        const string text = "Big news: version 2 is out";
        var id = await cluster.StartAsync(bot.UserId, text, [new BroadcastEntity("bold", 0, 8)]);

        var done = await cluster.FinishedAsync(id);

        Assert.Equal(BroadcastPhase.Completed, done.Phase);
        Assert.Equal((60, 60, 0, 0, 0), (done.Total, done.Sent, done.Failed, done.Blocked, done.Pending));
        foreach (var user in users)
        {
            var got = Assert.Single(cluster.Received(user.Id, bot.UserId, text));
            Assert.Contains(got.Entities, e => e is { Type: "bold", Offset: 0, Length: 8 });
        }
        var records = await cluster.RecipientsAsync(id);
        Assert.All(records, r => Assert.True(r is { State: RecipientState.Sent, MessageId: > 0 }));
        Assert.Equal(0, cluster.TooManyRequests(bot.UserId));
    }

    [Fact]
    public async Task Users_who_blocked_the_bot_are_marked_and_skipped_next_time_until_they_start_it_again()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("blocks", 10);
        var blockers = users.Take(3).ToArray();
        foreach (var u in blockers) W.SetBotBlocked(u.Id, bot.UserId, blocked: true);

        var first = await cluster.FinishedAsync(await cluster.StartAsync(bot.UserId, "first"));
        Assert.Equal((7, 3, 0), (first.Sent, first.Blocked, first.Failed));
        var subscribers = await cluster.SubscribersAsync(bot.UserId);
        Assert.Equal(blockers.Select(u => u.Id).Order(), subscribers.Blocked);

        var callsBefore = cluster.Sim.Calls.Count(403, Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId);
        var secondId = await cluster.StartAsync(bot.UserId, "second");
        var second = await cluster.FinishedAsync(secondId);
        Assert.Equal((7, 3, 0), (second.Sent, second.Blocked, second.Failed));
        Assert.All((await cluster.RecipientsAsync(secondId)).Where(r => blockers.Any(b => b.Id == r.UserId)),
            r => Assert.Equal(RecipientState.Skipped, r.State));
        Assert.Equal(callsBefore, cluster.Sim.Calls.Count(403, Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId)); // not even tried

        // One of them unblocks the bot and starts it again: reached by the next broadcast.
        W.SetBotBlocked(blockers[0].Id, bot.UserId, blocked: false);
        W.StartBot(blockers[0].Id, bot.UserId);
        await BroadcastCluster.Eventually(async () => (await cluster.SubscribersAsync(bot.UserId)).Active.Contains(blockers[0].Id), "the returning user is unblocked");
        var third = await cluster.FinishedAsync(await cluster.StartAsync(bot.UserId, "third"));
        Assert.Equal((8, 2), (third.Sent, third.Blocked));
        Assert.Single(cluster.Received(blockers[0].Id, bot.UserId, "third"));
        Assert.Empty(cluster.Received(blockers[1].Id, bot.UserId, "third"));
    }

    [Fact]
    public async Task Pause_stops_sending_resume_finishes_and_cancel_stops_for_good()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("pause", 90);
        const string text = "pausable";
        var id = await cluster.StartAsync(bot.UserId, text);
        var broadcast = cluster.Broadcast(id);
        await BroadcastCluster.Eventually(async () => (await broadcast.GetProgressAsync()).Sent >= 10, "some are sent");

        var paused = await broadcast.PauseAsync();
        Assert.Equal(BroadcastPhase.Paused, paused.Phase);
        int Delivered() => users.Count(u => cluster.Received(u.Id, bot.UserId, text).Count > 0);
        var atPause = Delivered();
        await Task.Delay(1500);
        Assert.Equal(atPause, Delivered());
        var stillPaused = await broadcast.GetProgressAsync();
        Assert.Equal(atPause, stillPaused.Sent);
        Assert.Equal(90 - atPause, stillPaused.Pending);

        Assert.Equal(BroadcastPhase.Running, (await broadcast.ResumeAsync()).Phase);
        var done = await cluster.FinishedAsync(id);
        Assert.Equal((BroadcastPhase.Completed, 90, 0), (done.Phase, done.Sent, done.Pending));
        Assert.All(users, u => Assert.Single(cluster.Received(u.Id, bot.UserId, text)));

        // Cancel: a second broadcast is stopped for good; its remaining recipients stay pending and get nothing.
        const string other = "cancellable";
        var cancelId = await cluster.StartAsync(bot.UserId, other);
        await BroadcastCluster.Eventually(async () => (await cluster.Broadcast(cancelId).GetProgressAsync()).Sent >= 5, "some are sent");
        var cancelled = await cluster.Broadcast(cancelId).CancelAsync();
        Assert.Equal(BroadcastPhase.Cancelled, cancelled.Phase);
        Assert.True(cancelled.Pending > 0);
        await Task.Delay(1500);
        Assert.Equal(cancelled.Sent, users.Count(u => cluster.Received(u.Id, bot.UserId, other).Count > 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Broadcast(cancelId).ResumeAsync());
        Assert.Equal(0, cluster.TooManyRequests(bot.UserId));
    }

    [Fact]
    public async Task A_429_is_waited_out_and_a_send_without_an_answer_is_unconfirmed_and_never_repeated()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("faults", 40);
        const string text = "through faults";
        // One send answered 429 retry after 2 s (the limiter waits it out and sends again), one whose connection drops without an
        // answer (the Bot API cannot tell whether it arrived: by the default rule it is not sent again).
        var flood = cluster.Sim.Faults.Add(new Cluster.TelegramSim.Faults.SimFaultRule(Cluster.TelegramSim.Faults.SimFaultKind.FloodWait,
            Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId, "sendMessage", Count: 1, RetryAfterSeconds: 2));
        var id = await cluster.StartAsync(bot.UserId, text);
        await BroadcastCluster.Eventually(async () => (await cluster.Broadcast(id).GetProgressAsync()).Sent >= 10, "some are sent");
        var drop = cluster.Sim.Faults.Add(new Cluster.TelegramSim.Faults.SimFaultRule(Cluster.TelegramSim.Faults.SimFaultKind.DropConnection,
            Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId, "sendMessage", Count: 1));
        BroadcastProgress done;
        try
        {
            done = await cluster.FinishedAsync(id);
        }
        finally
        {
            cluster.Sim.Faults.Remove(flood);
            cluster.Sim.Faults.Remove(drop);
        }

        Assert.Equal((BroadcastPhase.Completed, 39, 1, 0), (done.Phase, done.Sent, done.Unconfirmed, done.Failed));
        var records = await cluster.RecipientsAsync(id);
        var dropped = Assert.Single(records, r => r.State == RecipientState.Unconfirmed);
        Assert.Empty(cluster.Received(dropped.UserId, bot.UserId, text));
        Assert.All(users.Where(u => u.Id != dropped.UserId), u => Assert.Single(cluster.Received(u.Id, bot.UserId, text)));
        var answers = cluster.Sim.Calls.Records(Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId, method: "sendMessage");
        Assert.Single(answers, a => a.Status == 429);
        Assert.Single(answers, a => a.Status == 0); // the dropped connection, tried once
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_reason_and_nothing_is_created()
    {
        var (bot, _) = await cluster.BotWithSubscribersAsync("badinput", 60);
        var lonely = W.CreateBot("lonely_bot");
        await cluster.Grains.GetGrain<IBotGrain>(BroadcastCluster.Key(lonely.UserId)).ConfigureAsync(new BotConfiguration(lonely.Token));

        async Task Refused(long botId, BroadcastMessage message, string reason)
        {
            var id = BroadcastCluster.NewId(botId);
            var e = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Broadcast(id).CreateAsync(new BroadcastRequest(botId, message)));
            Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
            await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Broadcast(id).GetProgressAsync());
        }

        await Refused(bot.UserId, new BroadcastMessage("   "), "empty");
        await Refused(bot.UserId, new BroadcastMessage("hi", [new BroadcastEntity("bold", 1, 5)]), "outside the text");
        await Refused(bot.UserId, new BroadcastMessage("hi", [new BroadcastEntity("sparkly", 0, 2)]), "unknown entity type");
        await Refused(987654321, new BroadcastMessage("hi"), "no bot 987654321");
        await Refused(lonely.UserId, new BroadcastMessage("hi"), "no subscriber");

        // One broadcast of a bot sends at a time: a second is refused while the first sends, and accepted once it is paused.
        var first = await cluster.StartAsync(bot.UserId, "first of two");
        await Refused(bot.UserId, new BroadcastMessage("second of two"), "one broadcast of a bot sends at a time");
        await cluster.Broadcast(first).PauseAsync();
        var second = await cluster.StartAsync(bot.UserId, "second of two");
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Broadcast(first).ResumeAsync());
        Assert.Equal(BroadcastPhase.Completed, (await cluster.FinishedAsync(second)).Phase);
        await cluster.Broadcast(first).ResumeAsync();
        Assert.Equal(BroadcastPhase.Completed, (await cluster.FinishedAsync(first)).Phase);
        Assert.Equal(0, cluster.TooManyRequests(bot.UserId));
    }

    [Fact]
    public async Task A_broadcast_whose_silo_dies_goes_on_elsewhere_and_nobody_gets_it_twice()
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("crash", 150);
        const string text = "survives a crash";
        var id = await cluster.StartAsync(bot.UserId, text);
        await BroadcastCluster.Eventually(async () => (await cluster.Broadcast(id).GetProgressAsync()).Sent >= 40, "a part is sent", 30);
        var host = cluster.Cluster.Silo(await cluster.Cluster.LocateAsync(cluster.Broadcast(id).GetGrainId()));
        Assert.NotNull(host);
        await cluster.Cluster.KillSiloAsync(host);
        try
        {
            var done = await cluster.FinishedAsync(id, 90);
            Assert.Equal(BroadcastPhase.Completed, done.Phase);

            // Sends in flight at the crash were looked for in their chats (between the ids known before and after): every user
            // got the message exactly once, and every record holds the id of the message the user got.
            AssertEveryoneOnceWithTheirMessageId(await cluster.RecipientsAsync(id), users, bot.UserId, text);
            Assert.Equal((150, 0), (done.Sent, done.Unconfirmed));
            Assert.Equal(0, cluster.TooManyRequests(bot.UserId));
        }
        finally
        {
            await cluster.Cluster.StartSiloAsync();
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(0)] // the first send: its floor is the highest id of the subscribers' own messages (their /start)
    public async Task A_send_whose_answer_was_lost_with_its_silo_is_found_in_the_chat_and_nobody_gets_it_twice_or_is_left_out(int sentBefore)
    {
        var (bot, users) = await cluster.BotWithSubscribersAsync("lostanswer" + sentBefore, 120);
        var text = "the answer was lost with the silo " + sentBefore;
        // A send is made, but its answer is held while the silo running the broadcast dies.
        var hold = new Cluster.TelegramSim.Faults.SimFaultRule(Cluster.TelegramSim.Faults.SimFaultKind.SlowAnswer,
            Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId, "sendMessage", Count: 1, Delay: TimeSpan.FromSeconds(20));
        var held = sentBefore == 0 ? cluster.Sim.Faults.Add(hold) : 0;
        var id = await cluster.StartAsync(bot.UserId, text);
        if (sentBefore > 0)
        {
            await BroadcastCluster.Eventually(async () => (await cluster.Broadcast(id).GetProgressAsync()).Sent >= sentBefore, "a part is sent", 30);
            held = cluster.Sim.Faults.Add(hold);
        }
        await BroadcastCluster.Eventually(() => Task.FromResult(cluster.Sim.Faults.List().All(f => f.Id != held)), "a send made with its answer held", 30);
        var host = cluster.Cluster.Silo(await cluster.Cluster.LocateAsync(cluster.Broadcast(id).GetGrainId()));
        Assert.NotNull(host);
        await cluster.Cluster.KillSiloAsync(host);
        try
        {
            var done = await cluster.FinishedAsync(id, 90);
            Assert.Equal((BroadcastPhase.Completed, 120, 0), (done.Phase, done.Sent, done.Unconfirmed));
            AssertEveryoneOnceWithTheirMessageId(await cluster.RecipientsAsync(id), users, bot.UserId, text);
            // The search asked about a few message ids only (editMessageReplyMarkup without a keyboard, which changes nothing).
            var probes = cluster.Sim.Calls.Records(Cluster.TelegramSim.Faults.SimClientKind.Bot, bot.UserId, method: "editMessageReplyMarkup");
            Assert.InRange(probes.Count, 1, 30);
            Assert.Equal(0, cluster.TooManyRequests(bot.UserId));
        }
        finally
        {
            await cluster.Cluster.StartSiloAsync();
        }
    }

    private void AssertEveryoneOnceWithTheirMessageId(IReadOnlyList<RecipientRecord> records, IEnumerable<Cluster.TelegramSim.World.SimUser> users, long botId, string text)
    {
        var byUser = records.ToDictionary(r => r.UserId);
        foreach (var user in users)
        {
            var got = cluster.Received(user.Id, botId, text);
            Assert.True(got.Count == 1, $"user {user.Id} got the message {got.Count} times");
            Assert.Equal((RecipientState.Sent, (int?)got[0].Id), (byUser[user.Id].State, byUser[user.Id].MessageId));
        }
    }
}

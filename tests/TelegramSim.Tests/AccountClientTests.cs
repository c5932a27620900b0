using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class AccountClientTests : IDisposable
{
    private readonly string _sessions = Path.Combine(Path.GetTempPath(), "sim-sessions-" + Guid.NewGuid().ToString("N"));

    private SimulatorAccountClient Client(TelegramSimulatorHost sim, string accountId = "acc-1", string? dir = null) =>
        new(new AccountConnection(accountId, 1, "hash", null, dir ?? Path.Combine(_sessions, accountId)),
            new SimulatorAccountClientOptions { BaseUrl = sim.BaseUrl, PollTimeout = TimeSpan.FromSeconds(5), RetryDelay = TimeSpan.FromMilliseconds(100) });

    private static async Task<SimulatorAccountClient> LoggedInAsync(SimulatorAccountClient client, string phone, string code = "12345")
    {
        Assert.Equal(AuthorizationState.WaitPhoneNumber, await client.StartAsync(default));
        Assert.Equal(AuthorizationState.WaitCode, await client.SubmitPhoneNumberAsync(phone, default));
        Assert.Equal(AuthorizationState.Ready, await client.SubmitCodeAsync(code, default));
        return client;
    }

    private static async Task<T> NextAsync<T>(SimulatorAccountClient client) where T : AccountUpdate
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var update = await client.Updates.ReadAsync(timeout.Token);
            if (update is T t) return t;
        }
    }

    [Fact]
    public async Task Login_with_code_and_2fa_password_then_restart_resumes_without_login()
    {
        await using var sim = await TestWorlds.StartAsync();
        var account = sim.World.CreateAccount("+1 555 000 0001", "Alice", "alice_acc", password: "secret", loginCode: "24680");

        await using (var client = Client(sim))
        {
            Assert.Equal(AuthorizationState.WaitPhoneNumber, await client.StartAsync(default));
            Assert.Equal(AuthorizationState.WaitCode, await client.SubmitPhoneNumberAsync("+15550000001", default));
            await Assert.ThrowsAsync<LoginException>(() => client.SubmitCodeAsync("11111", default));
            Assert.Equal(AuthorizationState.WaitPassword, await client.SubmitCodeAsync("24680", default));
            var wrong = await Assert.ThrowsAsync<LoginException>(() => client.SubmitPasswordAsync("guess", default));
            Assert.Equal("PASSWORD_HASH_INVALID", wrong.TelegramMessage);
            Assert.Equal(AuthorizationState.Ready, await client.SubmitPasswordAsync("secret", default));
            var me = await client.GetMeAsync(default);
            Assert.Equal(account.UserId, me.Id);
            Assert.Equal("alice_acc", me.Username);
        }

        await using var restarted = Client(sim);
        Assert.Equal(AuthorizationState.Ready, await restarted.StartAsync(default));
        Assert.Equal(account.UserId, (await restarted.GetMeAsync(default)).Id);
        Assert.Equal(1, sim.World.GetAccount(account.UserId).SessionCount);
    }

    [Fact]
    public async Task A_session_connected_twice_gets_auth_key_duplicated_on_both_connections()
    {
        await using var sim = await TestWorlds.StartAsync();
        var account = sim.World.CreateAccount("+15550000002", "Bob");
        var dir = Path.Combine(_sessions, "shared");
        await using var first = await LoggedInAsync(Client(sim, "bob", dir), "+15550000002");
        await Task.Delay(200);

        await using var second = Client(sim, "bob", dir);
        await Assert.ThrowsAsync<AuthKeyDuplicatedException>(() => second.StartAsync(default));

        var closed = await NextAsync<AuthorizationStateChangedUpdate>(first);
        while (closed.State != AuthorizationState.Closed) closed = await NextAsync<AuthorizationStateChangedUpdate>(first);
        await Assert.ThrowsAnyAsync<TelegramAccountException>(() => first.GetMeAsync(default));
        Assert.Equal(1, sim.World.AuthKeyDuplicatedCount);
        Assert.True(sim.Calls.CountError("AUTH_KEY_DUPLICATED") >= 2, "both connections were told");
        Assert.Equal(0, sim.World.GetAccount(account.UserId).SessionCount);
    }

    [Fact]
    public async Task A_disposed_client_frees_its_session_for_the_next_one()
    {
        await using var sim = await TestWorlds.StartAsync();
        sim.World.CreateAccount("+15550000003", "Carol");
        var dir = Path.Combine(_sessions, "handover");
        var first = await LoggedInAsync(Client(sim, "carol", dir), "+15550000003");
        await first.DisposeAsync();

        await using var second = Client(sim, "carol", dir);
        Assert.Equal(AuthorizationState.Ready, await second.StartAsync(default));
        Assert.Equal(0, sim.World.AuthKeyDuplicatedCount);
    }

    [Fact]
    public async Task Resolve_join_history_and_typed_errors()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var acc = w.CreateAccount("+15550000004", "Dan");
        var open = w.CreateChannel("Open", "open_news", owner.Id);
        var closed = w.CreateChannel("Closed", null, owner.Id);
        var invite = w.CreateInviteLink(closed.Id, owner.Id);
        for (var i = 1; i <= 5; i++) w.PostToChannel(open.Id, $"post {i}");
        await using var client = await LoggedInAsync(Client(sim), "+15550000004");

        var chat = await client.ResolveChatAsync("@open_news", default);
        Assert.Equal(open.Id, chat.Id);
        Assert.Equal(ChatKind.Channel, chat.Kind);
        Assert.False(chat.IsMember);
        Assert.True((await client.JoinChatAsync("https://t.me/open_news", default)).IsMember);
        var history = await client.GetHistoryAsync(open.Id, 2, 10, default);
        Assert.Equal(["post 3", "post 4", "post 5"], history.Select(m => m.Text.Text));
        Assert.All(history, m => Assert.Equal(open.Id, m.SenderChatId));

        await Assert.ThrowsAsync<UsernameNotOccupiedException>(() => client.ResolveChatAsync("@nobody_here", default));
        await Assert.ThrowsAsync<ChannelPrivateException>(() => client.GetHistoryAsync(closed.Id, 0, 10, default));
        await Assert.ThrowsAsync<ChatNotFoundException>(() => client.ResolveChatAsync("-100123", default));
        var joined = await client.JoinChatAsync(invite.Url, default);
        Assert.Equal(closed.Id, joined.Id);
        Assert.Equal(SimMemberStatus.Member, w.GetMember(closed.Id, acc.UserId).Status);
        await Assert.ThrowsAsync<ChatWriteForbiddenException>(() => client.SendTextAsync(closed.Id, FormattedText.Plain("hi"), null, default));
    }

    [Fact]
    public async Task A_client_resumed_from_a_stored_session_receives_what_happened_while_no_client_ran()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var channel = w.CreateChannel("Resumed", "resumed_source", owner.Id);
        var acc = w.CreateAccount("+15550000011", "Kim");
        w.AddMember(channel.Id, acc.UserId);
        var live = Path.Combine(_sessions, "kim-live");
        var stored = Path.Combine(_sessions, "kim-stored");
        var first = await LoggedInAsync(Client(sim, "kim", live), "+15550000011");
        var kept = w.PostToChannel(channel.Id, "kept");
        var gone = w.PostToChannel(channel.Id, "gone");
        await NextAsync<NewMessagesUpdate>(first);
        // What the cluster database holds of a crashed client: its session as stored at the log-in.
        Directory.CreateDirectory(stored);
        foreach (var file in Directory.GetFiles(live)) File.Copy(file, Path.Combine(stored, Path.GetFileName(file)));
        await first.DisposeAsync();

        w.EditChannelPost(channel.Id, kept.Id, "kept, edited while no client ran");
        w.DeleteMessages(channel.Id, [gone.Id]);
        await using var resumed = Client(sim, "kim", stored);
        Assert.Equal(AuthorizationState.Ready, await resumed.StartAsync(default));

        var edited = await NextAsync<MessageEditedUpdate>(resumed);
        Assert.Equal("kept, edited while no client ran", edited.Message.Text.Text);
        var deleted = await NextAsync<MessagesDeletedUpdate>(resumed);
        Assert.Equal([gone.Id], deleted.MessageIds);
    }

    [Fact]
    public async Task More_pending_updates_than_one_poll_returns_all_reach_the_client_in_order()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var channel = w.CreateChannel("Busy", "busy_source", owner.Id);
        var acc = w.CreateAccount("+15550000009", "Ivy");
        w.AddMember(channel.Id, acc.UserId);
        await using var client = await LoggedInAsync(Client(sim), "+15550000009");

        // Far more than the server returns per poll (100), posted faster than the client polls.
        var posted = Enumerable.Range(1, 250).Select(i => w.PostToChannel(channel.Id, $"post {i}").Id).ToList();

        var received = new List<long>();
        while (received.Count < posted.Count)
            received.AddRange((await NextAsync<NewMessagesUpdate>(client)).Messages.Select(m => m.Id));
        Assert.Equal(posted, received);
    }

    [Fact]
    public async Task Albums_arrive_as_one_update_and_edits_and_deletions_follow()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var channel = w.CreateChannel("Source", "album_source", owner.Id);
        var acc = w.CreateAccount("+15550000005", "Eve");
        w.AddMember(channel.Id, acc.UserId);
        await using var client = await LoggedInAsync(Client(sim), "+15550000005");

        var album = w.PostToChannel(channel.Id, [
            new SimOutgoingMessage("one", Media: w.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: w.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: w.UploadFile(SimMediaKind.Video)),
        ], asAlbum: true);
        var text = w.PostToChannel(channel.Id, "plain");
        w.EditChannelPost(channel.Id, text.Id, "plain, edited");
        w.DeleteMessages(channel.Id, [album[2].Id]);

        var first = await NextAsync<NewMessagesUpdate>(client);
        Assert.Equal(3, first.Messages.Count);
        Assert.Equal(channel.Id, first.ChatId);
        Assert.All(first.Messages, m => Assert.Equal(first.Messages[0].MediaAlbumId, m.MediaAlbumId));
        Assert.NotEqual(0, first.Messages[0].MediaAlbumId);
        Assert.Equal([MediaKind.Photo, MediaKind.Photo, MediaKind.Video], first.Messages.Select(m => m.Media));
        var second = await NextAsync<NewMessagesUpdate>(client);
        Assert.Equal("plain", Assert.Single(second.Messages).Text.Text);
        var edited = await NextAsync<MessageEditedUpdate>(client);
        Assert.Equal("plain, edited", edited.Message.Text.Text);
        var deleted = await NextAsync<MessagesDeletedUpdate>(client);
        Assert.Equal([album[2].Id], deleted.MessageIds);
    }

    [Fact]
    public async Task Forward_with_header_and_copy_without_it_keep_albums_and_take_new_captions()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var acc = w.CreateAccount("+15550000006", "Fred");
        var source = w.CreateChannel("Src", "fwd_source", owner.Id);
        var dest = w.CreateChannel("Dst", null, acc.UserId);
        var album = w.PostToChannel(source.Id, [
            new SimOutgoingMessage("original caption", Media: w.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: w.UploadFile(SimMediaKind.Photo)),
        ], asAlbum: true);
        await using var client = await LoggedInAsync(Client(sim), "+15550000006");
        var ids = album.Select(m => m.Id).ToList();

        var forwarded = await client.ForwardMessagesAsync(dest.Id, source.Id, ids, ForwardOptions.WithHeader, default);
        Assert.All(forwarded, m => Assert.True(m.IsForwarded));
        var copies = await client.ForwardMessagesAsync(dest.Id, source.Id, ids,
            new ForwardOptions(true, new Dictionary<long, FormattedText> { [ids[0]] = FormattedText.Plain("new caption") }), default);

        Assert.All(copies, m => Assert.False(m.IsForwarded));
        Assert.Equal("new caption", copies[0].Text.Text);
        Assert.Equal(copies[0].MediaAlbumId, copies[1].MediaAlbumId);
        Assert.NotEqual(forwarded[0].MediaAlbumId, copies[0].MediaAlbumId);
        var stored = w.GetMessages(dest.Id);
        Assert.Equal(source.Id, stored[0].ForwardOrigin!.ChatId);
        Assert.Equal(ids[0], stored[0].ForwardOrigin!.MessageId);
        Assert.Equal(new SimCopyOrigin(source.Id, ids[0]), stored[2].CopiedFrom);
        Assert.Null(stored[2].ForwardOrigin);
    }

    [Fact]
    public async Task Sends_and_copies_reply_to_a_live_message_a_missing_parent_is_dropped_and_a_forward_cannot_reply()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var acc = w.CreateAccount("+15550000016", "Rita");
        var source = w.CreateChannel("Src", "reply_source", owner.Id);
        var dest = w.CreateChannel("Dst", null, acc.UserId);
        var parent = w.PostToChannel(source.Id, "parent");
        var child = w.PostToChannel(source.Id, [new SimOutgoingMessage("child", ReplyToMessageId: parent.Id)])[0];
        var album = w.PostToChannel(source.Id, [
            new SimOutgoingMessage("one", Media: w.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: w.UploadFile(SimMediaKind.Photo)),
        ], asAlbum: true);
        await using var client = await LoggedInAsync(Client(sim), "+15550000016");

        var history = await client.GetHistoryAsync(source.Id, 0, 10, default);
        Assert.Equal(parent.Id, history.Single(m => m.Id == child.Id).ReplyToMessageId);
        var target = await client.SendTextAsync(dest.Id, FormattedText.Plain("target"), null, default);
        var text = await client.SendTextAsync(dest.Id, FormattedText.Plain("a reply"), target.Id, default);
        var copies = await client.ForwardMessagesAsync(dest.Id, source.Id, album.Select(m => m.Id).ToList(), new ForwardOptions(true, ReplyToMessageId: target.Id), default);
        var orphan = await client.SendTextAsync(dest.Id, FormattedText.Plain("to nothing"), 9999, default);
        var forwarded = await client.ForwardMessagesAsync(dest.Id, source.Id, [child.Id], ForwardOptions.WithHeader, default);

        Assert.Equal(target.Id, text.ReplyToMessageId);
        Assert.All(copies, m => Assert.Equal(target.Id, m.ReplyToMessageId));
        Assert.Equal(copies[0].MediaAlbumId, copies[1].MediaAlbumId);
        Assert.Null(orphan.ReplyToMessageId);
        Assert.Equal(new ForwardSource(source.Id, child.Id), forwarded[0].ForwardedFrom);
        Assert.Null(forwarded[0].ReplyToMessageId);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ForwardMessagesAsync(dest.Id, source.Id, [parent.Id], new ForwardOptions(false, ReplyToMessageId: target.Id), default));

        var recent = await client.GetRecentMessagesAsync(dest.Id, 3, default);
        Assert.Equal([forwarded[0].Id, orphan.Id, copies[1].Id], recent.Select(m => m.Id));
        Assert.All(recent, m => Assert.True(m.IsOutgoing));
    }

    [Fact]
    public async Task Sending_too_fast_is_flood_wait_and_writing_to_many_strangers_is_peer_flood()
    {
        await using var sim = await TestWorlds.StartAsync(o =>
        {
            o.Limits.AccountMessagesPerWindow = 3;
            o.Limits.AccountFloodWindow = TimeSpan.FromSeconds(30);
            o.Limits.StrangerMessagesPerWindow = 2;
        });
        var w = sim.World;
        var acc = w.CreateAccount("+15550000007", "Gus");
        var strangers = Enumerable.Range(0, 3).Select(i => w.CreateUser($"S{i}")).ToList();
        var friend = w.CreateUser("Friend");
        w.SendAsUser(friend.Id, acc.UserId, "hi gus");
        await using var client = await LoggedInAsync(Client(sim), "+15550000007");

        await client.SendTextAsync(strangers[0].Id, FormattedText.Plain("buy now"), null, default);
        await client.SendTextAsync(strangers[1].Id, FormattedText.Plain("buy now"), null, default);
        var peerFlood = await Assert.ThrowsAsync<PeerFloodException>(() => client.SendTextAsync(strangers[2].Id, FormattedText.Plain("buy now"), null, default));
        Assert.Equal("PEER_FLOOD", peerFlood.TelegramMessage);

        await client.SendTextAsync(friend.Id, FormattedText.Plain("hello friend"), null, default);
        var flood = await Assert.ThrowsAsync<FloodWaitException>(() => client.SendTextAsync(friend.Id, FormattedText.Plain("again"), null, default));
        Assert.InRange(flood.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.StartsWith("FLOOD_WAIT_", flood.TelegramMessage);
    }

    public void Dispose()
    {
        if (Directory.Exists(_sessions)) Directory.Delete(_sessions, recursive: true);
    }
}

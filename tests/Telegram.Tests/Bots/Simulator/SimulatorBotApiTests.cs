using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Intake;
using Cluster.TelegramSim.World;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.Telegram.Tests.Bots.Simulator;

/// <summary>The product's client (Telegram.Bot inside our limiter) over real HTTP against the simulator, every method checked
/// against what the simulated world then holds.</summary>
public sealed class SimulatorBotApiTests
{
    [Fact]
    public async Task Identity_commands_and_webhook_methods_change_the_bot()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();

        var me = await client.GetMe();
        await client.SetMyCommands([new BotCommand { Command = "protect", Description = "Protect this group" }, new BotCommand { Command = "status", Description = "Show status" }]);
        await client.SetWebhook("https://bots.example.org/hook", secretToken: "s3cret", allowedUpdates: LongPollerOptions.HandledUpdates);
        var withHook = await client.GetWebhookInfo();
        await client.DeleteWebhook(dropPendingUpdates: true);
        var withoutHook = await client.GetWebhookInfo();

        Assert.Equal(sim.Bot.UserId, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("guard_bot", me.Username);
        Assert.Equal(["protect", "status"], sim.World.GetBot(sim.Bot.UserId).Commands.Select(c => c.Command));
        Assert.Equal("https://bots.example.org/hook", withHook.Url);
        Assert.Equal("", withoutHook.Url);
        Assert.Null(sim.World.GetBot(sim.Bot.UserId).WebhookUrl);
    }

    [Fact]
    public async Task Sending_editing_and_deleting_in_a_group()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithUrl("Join", "https://t.me/news_channel")]]);

        var sent = await client.SendMessage(sim.Group.Id, "<b>Welcome</b> here", ParseMode.Html, replyMarkup: keyboard);
        var edited = await client.EditMessageText(sim.Group.Id, sent.MessageId, "Welcome, edited");
        var second = await client.SendMessage(sim.Group.Id, "two");
        var third = await client.SendMessage(sim.Group.Id, "three");
        await client.DeleteMessage(sim.Group.Id, sent.MessageId);
        await client.DeleteMessages(sim.Group.Id, [second.MessageId, third.MessageId]);

        Assert.Equal("Welcome here", sent.Text);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(sent.Entities!).Type);
        Assert.Equal("https://t.me/news_channel", sent.ReplyMarkup!.InlineKeyboard.First().First().Url);
        Assert.Equal(sim.Group.Id, sent.Chat.Id);
        Assert.Equal(ChatType.Supergroup, sent.Chat.Type);
        Assert.NotNull(edited.EditDate);
        Assert.Equal("Welcome, edited", edited.Text);
        var stored = sim.World.GetMessages(sim.Group.Id, includeDeleted: true).Where(m => m.SenderUserId == sim.Bot.UserId).ToList();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, m => Assert.True(m.IsDeleted));
    }

    [Fact]
    public async Task Forwarding_keeps_the_origin_and_copying_drops_it()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var posts = new[] { "p1", "p2", "p3" }.Select(t => sim.World.PostToChannel(sim.Channel.Id, t)).ToList();

        var forwarded = await client.ForwardMessage(sim.Group.Id, sim.Channel.Id, (int)posts[0].Id);
        var copied = await client.CopyMessage(sim.Group.Id, sim.Channel.Id, (int)posts[0].Id);
        var forwardedMany = await client.ForwardMessages(sim.Group.Id, sim.Channel.Id, [(int)posts[1].Id, (int)posts[2].Id]);
        var copiedMany = await client.CopyMessages(sim.Group.Id, "@news_channel", [(int)posts[1].Id, (int)posts[2].Id]);

        Assert.Equal(MessageOriginType.Channel, forwarded.ForwardOrigin!.Type);
        Assert.Equal(sim.Channel.Id, forwarded.ForwardFromChat!.Id);
        Assert.Equal("p1", forwarded.Text);
        Assert.Equal(2, forwardedMany.Length);
        Assert.Equal(2, copiedMany.Length);
        var copy = sim.World.GetMessage(sim.Group.Id, copied.Id)!;
        Assert.Equal("p1", copy.Text);
        Assert.False(copy.IsForwarded);
        Assert.All(copiedMany, id => Assert.False(sim.World.GetMessage(sim.Group.Id, id.Id)!.IsForwarded));
        Assert.All(forwardedMany, id => Assert.True(sim.World.GetMessage(sim.Group.Id, id.Id)!.IsForwarded));
    }

    [Fact]
    public async Task Media_by_file_id_or_url_and_albums()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var photoFile = sim.World.UploadFile(SimMediaKind.Photo);

        var photo = await client.SendPhoto(sim.Group.Id, InputFile.FromFileId(photoFile.FileId), "a photo");
        var video = await client.SendVideo(sim.Group.Id, InputFile.FromUri("https://cdn.example.org/clip.mp4"));
        var document = await client.SendDocument(sim.Group.Id, InputFile.FromUri("https://cdn.example.org/rules.pdf"));
        var album = await client.SendMediaGroup(sim.Group.Id,
            [new InputMediaPhoto(InputFile.FromFileId(photoFile.FileId)) { Caption = "first" }, new InputMediaVideo(InputFile.FromUri("https://cdn.example.org/v2.mp4"))]);
        await using var upload = new MemoryStream(new byte[4321]);
        var uploaded = await client.SendPhoto(sim.Group.Id, InputFile.FromStream(upload, "upload.jpg"));

        Assert.Equal(photoFile.FileId, Assert.Single(photo.Photo!).FileId);
        Assert.Equal("a photo", photo.Caption);
        Assert.NotNull(video.Video);
        Assert.Equal("rules.pdf", document.Document!.FileName);
        Assert.Equal(4321, uploaded.Photo![^1].FileSize);
        Assert.Equal(2, album.Length);
        Assert.NotNull(album[0].MediaGroupId);
        Assert.Equal(album[0].MediaGroupId, album[1].MediaGroupId);
        Assert.Equal("first", album[0].Caption);
    }

    [Fact]
    public async Task Membership_is_read_restricted_banned_and_unbanned()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var userId = sim.Member.Id;

        var chat = await client.GetChat(sim.Group.Id);
        var admins = await client.GetChatAdministrators(sim.Group.Id);
        var before = await client.GetChatMember(sim.Group.Id, userId);
        await client.RestrictChatMember(sim.Group.Id, userId, new ChatPermissions(), useIndependentChatPermissions: true);
        var muted = await client.GetChatMember(sim.Group.Id, userId);
        await client.RestrictChatMember(sim.Group.Id, userId, new ChatPermissions(true), useIndependentChatPermissions: true);
        var unmuted = sim.World.GetMember(sim.Group.Id, userId);
        await client.BanChatMember(sim.Group.Id, userId);
        var banned = await client.GetChatMember(sim.Group.Id, userId);
        await client.UnbanChatMember(sim.Group.Id, userId);
        var unbanned = await client.GetChatMember(sim.Group.Id, userId);

        Assert.Equal("Protected", chat.Title);
        Assert.Equal("protected_group", chat.Username);
        Assert.Contains(admins, a => a.User.Id == sim.Owner.Id && a.Status == ChatMemberStatus.Creator);
        Assert.Contains(admins, a => a.User.Id == sim.Bot.UserId && a.Status == ChatMemberStatus.Administrator);
        Assert.Equal(ChatMemberStatus.Member, before.Status);
        Assert.Equal(ChatMemberStatus.Restricted, muted.Status);
        Assert.False(Assert.IsType<ChatMemberRestricted>(muted).CanSendMessages);
        Assert.True(muted.IsInChat);
        Assert.True(unmuted.Permissions is null || unmuted.Permissions.CanSendMessages);
        Assert.Equal(ChatMemberStatus.Kicked, banned.Status);
        Assert.Equal(ChatMemberStatus.Left, unbanned.Status);
    }

    [Fact]
    public async Task An_invite_link_join_arrives_as_a_chat_member_update_with_the_link()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var newcomer = sim.World.CreateUser("Nina");
        await client.GetUpdates(timeout: 0, allowedUpdates: LongPollerOptions.HandledUpdates);

        var link = await client.CreateChatInviteLink(sim.Group.Id, "campaign");
        sim.World.JoinByInvite(newcomer.Id, link.InviteLink);
        var updates = await client.GetUpdates(timeout: 1, allowedUpdates: LongPollerOptions.HandledUpdates);

        Assert.Equal("campaign", link.Name);
        Assert.StartsWith("https://t.me/+", link.InviteLink);
        var change = Assert.Single(updates, u => u.ChatMember is not null).ChatMember!;
        Assert.Equal(newcomer.Id, change.NewChatMember.User.Id);
        Assert.True(change.NewChatMember.IsInChat);
        Assert.False(change.OldChatMember.IsInChat);
        Assert.Equal(link.InviteLink, change.InviteLink!.InviteLink);
    }

    [Fact]
    public async Task A_button_press_arrives_as_a_callback_query_and_is_answered()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var sent = await client.SendMessage(sim.Group.Id, "Join first", replyMarkup:
            new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("I have joined", "recheck")]]));

        var queryId = sim.World.PressButton(sim.Member.Id, sim.Group.Id, sent.MessageId, "recheck");
        var updates = await client.GetUpdates(timeout: 1, allowedUpdates: LongPollerOptions.HandledUpdates);
        var query = Assert.Single(updates, u => u.CallbackQuery is not null).CallbackQuery!;
        await client.AnswerCallbackQuery(query.Id, "Checked", showAlert: true);

        Assert.Equal(queryId, query.Id);
        Assert.Equal("recheck", query.Data);
        Assert.Equal(sim.Member.Id, query.From.Id);
        Assert.Equal(sent.MessageId, query.Message!.MessageId);
        var answer = sim.World.GetCallbackAnswer(queryId)!;
        Assert.Equal("Checked", answer.Text);
        Assert.True(answer.ShowAlert);
    }

    [Fact]
    public async Task Simulator_errors_arrive_as_api_request_exceptions_with_telegrams_codes()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var stranger = sim.World.CreateUser("Stranger");
        var otherGroup = sim.World.CreateSupergroup("Elsewhere", null, sim.Owner.Id);

        Assert.Equal(403, (await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(stranger.Id, "hi"))).ErrorCode);
        await Assert.ThrowsAsync<ApiRequestException>(() => client.SendMessage(otherGroup.Id, "hi"));
        Assert.Equal(400, (await Assert.ThrowsAsync<ApiRequestException>(() => client.EditMessageText(sim.Group.Id, 999_999, "x"))).ErrorCode);
        using var http = new HttpClient();
        var wrongToken = BotClients.Create(http, new BotClientOptions { Token = sim.Bot.UserId + ":wrong", BaseUrl = sim.Host.BaseUrl.ToString() });
        Assert.Equal(401, (await Assert.ThrowsAsync<ApiRequestException>(() => wrongToken.GetMe())).ErrorCode);
    }

    [Fact]
    public async Task A_second_poller_gets_409_conflict()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var first = sim.Client();
        var second = sim.Client();

        var pending = await first.GetUpdates(timeout: 0);
        int? offset = pending.Length == 0 ? null : pending[^1].Id + 1;

        var longPoll = first.GetUpdates(offset, timeout: 3);
        await Task.Delay(300);
        var error = await Record.ExceptionAsync(() => second.GetUpdates(offset, timeout: 2));
        var firstError = await Record.ExceptionAsync(() => longPoll);

        Assert.True(error is ApiRequestException { ErrorCode: 409 } || firstError is ApiRequestException { ErrorCode: 409 },
            $"one of two concurrent pollers must get 409; got {error?.GetType().Name ?? "none"} and {firstError?.GetType().Name ?? "none"}");
    }

    [Fact]
    public async Task Without_the_client_limiter_the_simulator_answers_429_and_the_client_waits_and_retries()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client(o => o.Limits.Enabled = false);

        await client.SendMessage(sim.Member.Id, "one");
        var second = await client.SendMessage(sim.Member.Id, "two");

        Assert.Equal("two", second.Text);
        Assert.Equal(1, client.Counters.TooManyRequests);
        Assert.Equal(1, sim.Host.Calls.Count(429, Cluster.TelegramSim.Faults.SimClientKind.Bot, sim.Bot.UserId));
        Assert.Equal(["one", "two"], sim.World.GetPrivateMessages(sim.Member.Id, sim.Bot.UserId).Where(m => m.SenderUserId == sim.Bot.UserId).Select(m => m.Text));
    }
}

using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;
using Cluster.TelegramSim.World;

namespace Cluster.Telegram.Tests.Bots.Simulator;

/// <summary>Every client method over real HTTP against the simulator, checked against what the simulated world then holds.</summary>
/// <remarks>The simulator serves the same wire types, so these tests catch shape disagreements on either side.</remarks>
public sealed class SimulatorBotApiTests
{
    [Fact]
    public async Task Identity_commands_and_webhook_methods_change_the_bot()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();

        var me = await client.GetMeAsync();
        await client.SetMyCommandsAsync([new BotCommand("protect", "Protect this group"), new BotCommand("status", "Show status")]);
        await client.SetWebhookAsync("https://bots.example.org/hook", secretToken: "s3cret", allowedUpdates: UpdateType.Handled);
        var withHook = await client.GetWebhookInfoAsync();
        await client.DeleteWebhookAsync(dropPendingUpdates: true);
        var withoutHook = await client.GetWebhookInfoAsync();

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

        var sent = await client.SendMessageAsync(sim.Group.Id, "<b>Welcome</b> here", ParseMode.Html, keyboard);
        var edited = await client.EditMessageTextAsync(sim.Group.Id, sent.MessageId, "Welcome, edited");
        var second = await client.SendMessageAsync(sim.Group.Id, "two");
        var third = await client.SendMessageAsync(sim.Group.Id, "three");
        await client.DeleteMessageAsync(sim.Group.Id, sent.MessageId);
        await client.DeleteMessagesAsync(sim.Group.Id, [second.MessageId, third.MessageId]);

        Assert.Equal("Welcome here", sent.Text);
        Assert.Equal("bold", Assert.Single(sent.Entities!).Type);
        Assert.Equal("https://t.me/news_channel", sent.ReplyMarkup!.InlineKeyboard[0][0].Url);
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

        var forwarded = await client.ForwardMessageAsync(sim.Group.Id, sim.Channel.Id, (int)posts[0].Id);
        var copied = await client.CopyMessageAsync(sim.Group.Id, sim.Channel.Id, (int)posts[0].Id);
        var forwardedMany = await client.ForwardMessagesAsync(new ForwardMessagesRequest
        {
            ChatId = sim.Group.Id, FromChatId = sim.Channel.Id, MessageIds = [(int)posts[1].Id, (int)posts[2].Id],
        });
        var copiedMany = await client.CopyMessagesAsync(new CopyMessagesRequest
        {
            ChatId = sim.Group.Id, FromChatId = new ChatId("@news_channel"), MessageIds = [(int)posts[1].Id, (int)posts[2].Id],
        });

        Assert.Equal(MessageOriginType.Channel, forwarded.ForwardOrigin!.Type);
        Assert.Equal(sim.Channel.Id, forwarded.ForwardOrigin.Chat!.Id);
        Assert.Equal("p1", forwarded.Text);
        Assert.Equal(2, forwardedMany.Count);
        Assert.Equal(2, copiedMany.Count);
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

        var photo = await client.SendPhotoAsync(new SendPhotoRequest { ChatId = sim.Group.Id, Photo = photoFile.FileId, Caption = "a photo" });
        var video = await client.SendVideoAsync(new SendVideoRequest { ChatId = sim.Group.Id, Video = "https://cdn.example.org/clip.mp4" });
        var document = await client.SendDocumentAsync(new SendDocumentRequest { ChatId = sim.Group.Id, Document = "https://cdn.example.org/rules.pdf" });
        var album = await client.SendMediaGroupAsync(new SendMediaGroupRequest
        {
            ChatId = sim.Group.Id,
            Media = [new InputMediaPhoto { Media = photoFile.FileId, Caption = "first" }, new InputMediaVideo { Media = "https://cdn.example.org/v2.mp4" }],
        });

        Assert.Equal(photoFile.FileId, Assert.Single(photo.Photo!).FileId);
        Assert.Equal("a photo", photo.Caption);
        Assert.NotNull(video.Video);
        Assert.Equal("rules.pdf", document.Document!.FileName);
        Assert.Equal(2, album.Count);
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

        var chat = await client.GetChatAsync(sim.Group.Id);
        var admins = await client.GetChatAdministratorsAsync(sim.Group.Id);
        var before = await client.GetChatMemberAsync(sim.Group.Id, userId);
        await client.RestrictChatMemberAsync(sim.Group.Id, userId, ChatPermissions.NoneAllowed);
        var muted = await client.GetChatMemberAsync(sim.Group.Id, userId);
        await client.RestrictChatMemberAsync(sim.Group.Id, userId, ChatPermissions.AllAllowed);
        var unmuted = sim.World.GetMember(sim.Group.Id, userId);
        await client.BanChatMemberAsync(sim.Group.Id, userId);
        var banned = await client.GetChatMemberAsync(sim.Group.Id, userId);
        await client.UnbanChatMemberAsync(sim.Group.Id, userId);
        var unbanned = await client.GetChatMemberAsync(sim.Group.Id, userId);

        Assert.Equal("Protected", chat.Title);
        Assert.Equal("protected_group", chat.Username);
        Assert.Contains(admins, a => a.User.Id == sim.Owner.Id && a.Status == ChatMemberStatus.Creator);
        Assert.Contains(admins, a => a.User.Id == sim.Bot.UserId && a.Status == ChatMemberStatus.Administrator);
        Assert.Equal(ChatMemberStatus.Member, before.Status);
        Assert.Equal(ChatMemberStatus.Restricted, muted.Status);
        Assert.False(muted.CanSendMessages);
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
        await client.GetUpdatesAsync(offset: null, timeoutSeconds: 0, allowedUpdates: UpdateType.Handled);

        var link = await client.CreateChatInviteLinkAsync(sim.Group.Id, "campaign");
        sim.World.JoinByInvite(newcomer.Id, link.InviteLink);
        var updates = await client.GetUpdatesAsync(offset: null, timeoutSeconds: 1, allowedUpdates: UpdateType.Handled);

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
        var sent = await client.SendMessageAsync(sim.Group.Id, "Join first", replyMarkup:
            new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("I have joined", "recheck")]]));

        var queryId = sim.World.PressButton(sim.Member.Id, sim.Group.Id, sent.MessageId, "recheck");
        var updates = await client.GetUpdatesAsync(offset: null, timeoutSeconds: 1, allowedUpdates: UpdateType.Handled);
        var query = Assert.Single(updates, u => u.CallbackQuery is not null).CallbackQuery!;
        await client.AnswerCallbackQueryAsync(query.Id, "Checked", showAlert: true);

        Assert.Equal(queryId, query.Id);
        Assert.Equal("recheck", query.Data);
        Assert.Equal(sim.Member.Id, query.From.Id);
        Assert.Equal(sent.MessageId, query.Message!.MessageId);
        var answer = sim.World.GetCallbackAnswer(queryId)!;
        Assert.Equal("Checked", answer.Text);
        Assert.True(answer.ShowAlert);
    }

    [Fact]
    public async Task Simulator_errors_become_the_typed_exceptions()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client();
        var stranger = sim.World.CreateUser("Stranger");
        var otherGroup = sim.World.CreateSupergroup("Elsewhere", null, sim.Owner.Id);

        await Assert.ThrowsAsync<ForbiddenException>(() => client.SendMessageAsync(stranger.Id, "hi"));
        await Assert.ThrowsAnyAsync<BotApiException>(() => client.SendMessageAsync(otherGroup.Id, "hi"));
        await Assert.ThrowsAsync<BadRequestException>(() => client.EditMessageTextAsync(sim.Group.Id, 999_999, "x"));
        var wrongToken = new BotClient(new HttpClient(), new BotClientOptions { Token = sim.Bot.UserId + ":wrong", BaseUrl = sim.Host.BaseUrl.ToString() });
        await Assert.ThrowsAsync<UnauthorizedException>(() => wrongToken.GetMeAsync());
    }

    [Fact]
    public async Task A_second_poller_gets_409_conflict()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var first = sim.Client();
        var second = sim.Client();

        var pending = await first.GetUpdatesAsync(offset: null, timeoutSeconds: 0);
        long? offset = pending.Count == 0 ? null : pending[^1].UpdateId + 1;

        var longPoll = first.GetUpdatesAsync(offset, timeoutSeconds: 3);
        await Task.Delay(300);
        var error = await Record.ExceptionAsync(() => second.GetUpdatesAsync(offset, timeoutSeconds: 2));
        var firstError = await Record.ExceptionAsync(() => longPoll);

        Assert.True(error is ConflictException || firstError is ConflictException,
            $"one of two concurrent pollers must get 409; got {error?.GetType().Name ?? "none"} and {firstError?.GetType().Name ?? "none"}");
    }

    [Fact]
    public async Task Without_the_client_limiter_the_simulator_answers_429_and_the_client_waits_and_retries()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var client = sim.Client(o => o.Limits.Enabled = false);

        await client.SendMessageAsync(sim.Member.Id, "one");
        var second = await client.SendMessageAsync(sim.Member.Id, "two");

        Assert.Equal("two", second.Text);
        Assert.Equal(1, client.Counters.TooManyRequests);
        Assert.Equal(1, sim.Host.Calls.Count(429, Cluster.TelegramSim.Faults.SimClientKind.Bot, sim.Bot.UserId));
        Assert.Equal(["one", "two"], sim.World.GetPrivateMessages(sim.Member.Id, sim.Bot.UserId).Where(m => m.SenderUserId == sim.Bot.UserId).Select(m => m.Text));
    }
}

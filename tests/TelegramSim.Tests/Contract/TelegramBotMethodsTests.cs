using System.Text.Json;
using Cluster.TelegramSim.World;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>Every Bot API method the product uses, called through Telegram.Bot over real HTTP against the simulator: the
/// requests are Telegram.Bot's own (JSON bodies), the answers must parse into its types with the right values.</summary>
public sealed class TelegramBotMethodsTests
{
    [Fact]
    public async Task GetMe_and_commands_round_trip()
    {
        await using var c = await ContractWorld.StartAsync();
        var me = await c.Client.GetMe();
        Assert.Equal(c.Bot.UserId, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("contract_bot", me.Username);
        Assert.True(me.CanJoinGroups);
        Assert.Null(c.Recorder.Last("getMe").MediaType); // a parameterless request has no body

        await c.Client.SetMyCommands([new BotCommand { Command = "start", Description = "Start" }, new BotCommand { Command = "pairs", Description = "List pairs" }]);
        Assert.Equal("application/json", c.Recorder.Last("setMyCommands").MediaType);
        var commands = await c.Client.GetMyCommands();
        Assert.Equal(["start", "pairs"], commands.Select(x => x.Command));
        Assert.Equal(["start", "pairs"], c.World.GetBot(c.Bot.UserId).Commands.Select(x => x.Command));
    }

    [Fact]
    public async Task Messages_with_keyboards_are_sent_edited_answered_and_deleted()
    {
        await using var c = await ContractWorld.StartAsync();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("I have joined", "guard:joined")], [InlineKeyboardButton.WithUrl("Join", "https://t.me/contract_news")]]);
        var sent = await c.Client.SendMessage(c.Group.Id, "<b>Join</b> first", ParseMode.Html, replyMarkup: keyboard);
        Assert.Equal("application/json", c.Recorder.Last("sendMessage").MediaType);
        Assert.Equal("Join first", sent.Text);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(sent.Entities!).Type);
        Assert.Equal("guard:joined", sent.ReplyMarkup!.InlineKeyboard.First().First().CallbackData);
        Assert.Equal(ChatType.Supergroup, sent.Chat.Type);
        Assert.Equal(c.Bot.UserId, sent.From!.Id);
        Assert.True(sent.Date > DateTime.UtcNow.AddMinutes(-1));

        var queryId = c.World.PressButton(c.Member.Id, c.Group.Id, sent.MessageId, "guard:joined");
        var updates = await c.Client.GetUpdates(timeout: 5, allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.ChatMember, UpdateType.MyChatMember]);
        var press = Assert.Single(updates, u => u.CallbackQuery is not null).CallbackQuery!;
        Assert.Equal(queryId, press.Id);
        Assert.Equal(c.Member.Id, press.From.Id);
        Assert.Equal(sent.MessageId, press.Message!.MessageId);
        await c.Client.AnswerCallbackQuery(press.Id, "Thanks", showAlert: true);
        Assert.Equal("Thanks", c.World.GetCallbackAnswer(press.Id)!.Text);

        var edited = await c.Client.EditMessageText(c.Group.Id, sent.MessageId, "Welcome", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Again", "again")));
        Assert.Equal("Welcome", edited.Text);
        Assert.NotNull(edited.EditDate);

        var second = await c.Client.SendMessage(c.Group.Id, "two");
        var third = await c.Client.SendMessage(c.Group.Id, "three");
        await c.Client.DeleteMessage(c.Group.Id, sent.MessageId);
        await c.Client.DeleteMessages(c.Group.Id, [second.MessageId, third.MessageId]);
        Assert.All(c.World.GetMessages(c.Group.Id, includeDeleted: true).Where(m => m.SenderUserId == c.Bot.UserId), m => Assert.True(m.IsDeleted));
    }

    [Fact]
    public async Task Copies_and_forwards_one_or_many()
    {
        await using var c = await ContractWorld.StartAsync();
        var posts = new[] { c.World.PostToChannel(c.Channel.Id, "first"), c.World.PostToChannel(c.Channel.Id, "second") };
        var copy = await c.Client.CopyMessage(c.Group.Id, c.Channel.Id, (int)posts[0].Id);
        Assert.Equal("first", c.World.GetMessage(c.Group.Id, copy.Id)!.Text);
        var forwarded = await c.Client.ForwardMessage(c.Group.Id, c.Channel.Id, (int)posts[1].Id);
        var origin = Assert.IsType<MessageOriginChannel>(forwarded.ForwardOrigin);
        Assert.Equal(c.Channel.Id, origin.Chat.Id);
        Assert.Equal((int)posts[1].Id, origin.MessageId);
        var copies = await c.Client.CopyMessages(c.Group.Id, c.Channel.Id, posts.Select(p => (int)p.Id));
        var forwards = await c.Client.ForwardMessages(c.Group.Id, c.Channel.Id, posts.Select(p => (int)p.Id));
        Assert.Equal(2, copies.Length);
        Assert.Equal(2, forwards.Length);
    }

    [Fact]
    public async Task Members_are_read_muted_with_empty_permissions_unmuted_banned_and_invited()
    {
        await using var c = await ContractWorld.StartAsync();
        var chat = await c.Client.GetChat(c.Group.Id);
        Assert.Equal(ChatType.Supergroup, chat.Type);
        Assert.Equal("Contract", chat.Title);
        Assert.True(chat.Permissions!.CanSendMessages);

        var admins = await c.Client.GetChatAdministrators("@contract_group");
        Assert.Contains(admins, a => a is ChatMemberOwner { User.Id: var id } && id == c.Owner.Id);
        var self = Assert.IsType<ChatMemberAdministrator>(await c.Client.GetChatMember(c.Group.Id, c.Bot.UserId));
        Assert.True(self.CanRestrictMembers);
        Assert.True(self.CanDeleteMessages);
        Assert.IsType<ChatMemberMember>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));

        // A full mute: Telegram.Bot leaves every false field out, so the permissions travel as an empty object.
        await c.Client.RestrictChatMember(c.Group.Id, c.Member.Id, new ChatPermissions(), useIndependentChatPermissions: true);
        using (var body = JsonDocument.Parse(c.Recorder.Last("restrictChatMember").Body))
            Assert.Equal("{}", body.RootElement.GetProperty("permissions").GetRawText());
        var muted = Assert.IsType<ChatMemberRestricted>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));
        Assert.True(muted.IsMember);
        Assert.True(muted.IsMuted);
        Assert.Null(muted.UntilDate);
        Assert.False(c.World.GetMember(c.Group.Id, c.Member.Id).Permissions!.CanSendAnything);

        var until = DateTime.UtcNow.AddHours(1);
        await c.Client.RestrictChatMember(c.Group.Id, c.Member.Id, new ChatPermissions { CanSendMessages = true }, useIndependentChatPermissions: true, untilDate: until);
        var partly = Assert.IsType<ChatMemberRestricted>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));
        Assert.True(partly.CanSendMessages);
        Assert.False(partly.CanSendPhotos);
        Assert.Equal(until.Ticks / TimeSpan.TicksPerSecond, partly.UntilDate!.Value.Ticks / TimeSpan.TicksPerSecond);

        await c.Client.RestrictChatMember(c.Group.Id, c.Member.Id, new ChatPermissions(true), useIndependentChatPermissions: true);
        Assert.IsType<ChatMemberMember>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));

        await c.Client.BanChatMember(c.Group.Id, c.Member.Id);
        Assert.IsType<ChatMemberBanned>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));
        await c.Client.UnbanChatMember(c.Group.Id, c.Member.Id, onlyIfBanned: true);
        Assert.IsType<ChatMemberLeft>(await c.Client.GetChatMember(c.Group.Id, c.Member.Id));

        var link = await c.Client.CreateChatInviteLink(c.Channel.Id, "guard");
        Assert.Equal("guard", link.Name);
        Assert.StartsWith("https://t.me/", link.InviteLink);
        Assert.Equal(c.Bot.UserId, link.Creator.Id);
    }

    [Fact]
    public async Task Member_updates_parse_as_telegram_bots_polymorphic_types()
    {
        await using var c = await ContractWorld.StartAsync();
        var offset = await c.DrainUpdatesAsync(UpdateType.Message, UpdateType.ChatMember);
        var newcomer = c.World.CreateUser("Newcomer");
        c.World.AddMember(c.Group.Id, newcomer.Id);
        var updates = await c.Client.GetUpdates(offset, timeout: 5);
        var change = Assert.Single(updates, u => u.ChatMember is not null).ChatMember!;
        Assert.IsType<ChatMemberLeft>(change.OldChatMember);
        Assert.IsType<ChatMemberMember>(change.NewChatMember);
        Assert.Equal(newcomer.Id, change.NewChatMember.User.Id);
        var joined = Assert.Single(updates, u => u.Message?.NewChatMembers is not null).Message!;
        Assert.Equal(newcomer.Id, Assert.Single(joined.NewChatMembers!).Id);
        Assert.True(updates.Select(u => u.Id).SequenceEqual(updates.Select(u => u.Id).Order()));

        // The next poll confirms them: nothing comes twice.
        var next = await c.Client.GetUpdates(offset: updates.Max(u => u.Id) + 1, timeout: 0);
        Assert.Empty(next);
    }

    [Fact]
    public async Task Webhook_is_set_read_and_deleted()
    {
        await using var c = await ContractWorld.StartAsync();
        await c.Client.SetWebhook("https://example.invalid/hook", secretToken: "s3cret", allowedUpdates: [UpdateType.Message, UpdateType.ChatMember]);
        var info = await c.Client.GetWebhookInfo();
        Assert.Equal("https://example.invalid/hook", info.Url);
        Assert.Equal([UpdateType.Message, UpdateType.ChatMember], info.AllowedUpdates);
        await c.Client.DeleteWebhook(dropPendingUpdates: true);
        Assert.Equal("", (await c.Client.GetWebhookInfo()).Url);
    }
}

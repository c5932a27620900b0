using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

/// <summary>The product's own Bot API client against the simulator: both sides share the wire types, so
/// this checks they agree on the JSON (requests as JSON bodies, answers, errors).</summary>
public sealed class TypedBotClientTests
{
    [Fact]
    public async Task The_products_bot_client_speaks_to_the_simulator()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Typed", "typed_group", owner.Id);
        var user = w.CreateUser("Member");
        w.AddMember(group.Id, user.Id);
        var bot = w.CreateBot("typed_bot");
        w.MakeAdmin(group.Id, bot.UserId);
        using var http = new HttpClient();
        var client = new BotClient(http, new BotClientOptions { Token = bot.Token, BaseUrl = sim.BaseUrl.ToString().TrimEnd('/') });

        Assert.Equal(bot.UserId, (await client.GetMeAsync()).Id);
        var sent = await client.SendMessageAsync(new SendMessageRequest
        {
            ChatId = group.Id,
            Text = "Join first",
            ReplyMarkup = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("I have joined", "check")]]),
        });
        Assert.Equal("check", sent.ReplyMarkup!.InlineKeyboard[0][0].CallbackData);
        await client.RestrictChatMemberAsync(new RestrictChatMemberRequest { ChatId = group.Id, UserId = user.Id, Permissions = ChatPermissions.NoneAllowed, UseIndependentChatPermissions = true });
        var member = await client.GetChatMemberAsync(new ChatId("@typed_group"), user.Id);
        Assert.Equal(ChatMemberStatus.Restricted, member.Status);
        Assert.False(member.CanSendMessages);

        w.PressButton(user.Id, group.Id, sent.MessageId, "check");
        var updates = await client.GetUpdatesAsync(new GetUpdatesRequest { Timeout = 5, AllowedUpdates = ["message", "callback_query", "chat_member"] });
        Assert.Contains(updates, u => u.CallbackQuery?.Data == "check");

        var album = await client.SendMediaGroupAsync(new SendMediaGroupRequest
        {
            ChatId = group.Id,
            Media = [new InputMediaPhoto { Media = "https://example.com/1.jpg", Caption = "one" }, new InputMediaPhoto { Media = "https://example.com/2.jpg" }],
        });
        Assert.Equal(album[0].MediaGroupId, album[1].MediaGroupId);

        var error = await Assert.ThrowsAnyAsync<BotApiException>(() => client.GetChatMemberAsync(-100_424242, user.Id));
        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: chat not found", error.Description);
    }
}

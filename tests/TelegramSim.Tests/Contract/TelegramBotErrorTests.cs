using Cluster.TelegramSim.Faults;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>Telegram's refusals as Telegram.Bot reports them: <see cref="ApiRequestException"/> with Telegram's code and text,
/// retry_after and migrate_to_chat_id in its Parameters.</summary>
public sealed class TelegramBotErrorTests
{
    [Fact]
    public async Task Refusals_carry_telegrams_code_and_description()
    {
        await using var c = await ContractWorld.StartAsync();
        var notFound = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.GetChatMember(-100_424242, c.Member.Id));
        Assert.Equal(400, notFound.ErrorCode);
        Assert.Equal("Bad Request: chat not found", notFound.Message);

        var empty = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.SendMessage(c.Group.Id, ""));
        Assert.Equal("Bad Request: message text is empty", empty.Message);

        var stranger = c.World.CreateUser("Stranger");
        var forbidden = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.SendMessage(stranger.Id, "hello"));
        Assert.Equal(403, forbidden.ErrorCode);
        Assert.Equal("Forbidden: bot can't initiate conversation with a user", forbidden.Message);

        var owner = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.RestrictChatMember(c.Group.Id, c.Owner.Id, new ChatPermissions()));
        Assert.Equal(400, owner.ErrorCode);

        var wrongToken = new TelegramBotClient(new TelegramBotClientOptions(c.Bot.UserId + ":wrong-secret", c.Sim.BaseUrl.ToString()));
        var unauthorized = await Assert.ThrowsAsync<ApiRequestException>(() => wrongToken.GetMe());
        Assert.Equal(401, unauthorized.ErrorCode);
        Assert.Equal("Unauthorized", unauthorized.Message);
    }

    [Fact]
    public async Task Flood_control_gives_429_with_retry_after()
    {
        await using var c = await ContractWorld.StartAsync();
        c.Sim.Faults.Add(new SimFaultRule(SimFaultKind.FloodWait, SimClientKind.Bot, c.Bot.UserId, "sendMessage", Count: 1, RetryAfterSeconds: 7));
        var flood = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.SendMessage(c.Group.Id, "too fast"));
        Assert.Equal(429, flood.ErrorCode);
        Assert.Equal(7, flood.Parameters!.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", flood.Message);

        // The simulator's own limit (20 per minute in a group) answers the same way.
        var limited = 0;
        for (var i = 0; i < 25 && limited == 0; i++)
        {
            try { await c.Client.SendMessage(c.Group.Id, $"message {i}"); }
            catch (ApiRequestException e) when (e.ErrorCode == 429) { limited = e.Parameters!.RetryAfter!.Value; }
        }
        Assert.InRange(limited, 1, 60);
    }

    [Fact]
    public async Task A_group_upgraded_to_a_supergroup_answers_migrate_to_chat_id()
    {
        await using var c = await ContractWorld.StartAsync();
        var group = c.World.CreateGroup("Old group", c.Owner.Id);
        c.World.MakeAdmin(group.Id, c.Bot.UserId);
        await c.Client.SendMessage(group.Id, "before");
        var supergroup = c.World.MigrateToSupergroup(group.Id);

        var moved = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.SendMessage(group.Id, "after"));
        Assert.Equal(400, moved.ErrorCode);
        Assert.Equal("Bad Request: group chat was upgraded to a supergroup chat", moved.Message);
        Assert.Equal(supergroup.Id, moved.Parameters!.MigrateToChatId);
        var sent = await c.Client.SendMessage(moved.Parameters.MigrateToChatId!.Value, "after");
        Assert.Equal(ChatType.Supergroup, sent.Chat.Type);
    }

    [Fact]
    public async Task A_second_poller_and_a_webhook_conflict_with_409()
    {
        await using var c = await ContractWorld.StartAsync();
        var offset = await c.DrainUpdatesAsync(UpdateType.Message);
        var first = c.Client.GetUpdates(offset, timeout: 3);
        await Task.Delay(200);
        var second = new TelegramBotClient(new TelegramBotClientOptions(c.Bot.Token, c.Sim.BaseUrl.ToString()));
        var answers = await Task.WhenAll(Catch(first), Catch(second.GetUpdates(offset, timeout: 1)));
        Assert.Contains(answers, e => e is { ErrorCode: 409 } && e.Message.StartsWith("Conflict: terminated by other getUpdates request", StringComparison.Ordinal));

        await c.Client.SetWebhook("https://example.invalid/hook");
        var webhook = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.GetUpdates());
        Assert.Equal(409, webhook.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", webhook.Message);
    }

    private static async Task<ApiRequestException?> Catch(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (ApiRequestException e)
        {
            return e;
        }
    }
}

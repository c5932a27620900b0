using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class BotPollingTests
{
    [Fact]
    public async Task Updates_stay_until_confirmed_by_a_higher_offset()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("poll_bot");
        var user = w.CreateUser("Pat");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        w.SendAsUser(user.Id, bot.UserId, "one");
        w.SendAsUser(user.Id, bot.UserId, "two");

        var first = await api.OkAsync("getUpdates");
        Assert.Equal(2, first.GetArrayLength());
        var again = await api.OkAsync("getUpdates");
        Assert.Equal(2, again.GetArrayLength());
        var firstId = first[0].GetProperty("update_id").GetInt64();
        Assert.Equal(firstId + 1, first[1].GetProperty("update_id").GetInt64());
        Assert.Equal("one", first[0].GetProperty("message").GetProperty("text").GetString());

        var rest = await api.OkAsync("getUpdates", ("offset", firstId + 1));
        Assert.Equal(1, rest.GetArrayLength());
        Assert.Equal("two", rest[0].GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(0, (await api.OkAsync("getUpdates", ("offset", firstId + 2))).GetArrayLength());
        Assert.Empty(w.GetPendingUpdates(bot.UserId));
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_an_update_arrives()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("wait_bot");
        var user = w.CreateUser("Quinn");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var poll = api.OkAsync("getUpdates", ("timeout", 30));
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        w.SendAsUser(user.Id, bot.UserId, "wake up");
        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("wake up", updates[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Second_poller_gets_409_conflict()
    {
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("twice_bot");
        using var first = new BotApiTestClient(sim.BaseUrl, bot.Token);
        using var second = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var older = first.FormAsync("getUpdates", ("timeout", 30));
        await Task.Delay(200);
        var newer = second.FormAsync("getUpdates", ("timeout", 1));

        var (status, body) = await older.WaitAsync(TimeSpan.FromSeconds(10));
        TestWorlds.AssertError(status, body, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        Assert.Equal(200, (await newer).Status);
        Assert.Equal(1, sim.Calls.Count(409, Faults.SimClientKind.Bot, bot.UserId));
    }

    [Fact]
    public async Task GetUpdates_while_a_webhook_is_set_is_409()
    {
        await using var sim = await TestWorlds.StartAsync();
        var bot = sim.World.CreateBot("hook_bot");
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        await api.OkAsync("setWebhook", ("url", "http://127.0.0.1:9/hook"));

        var (status, body) = await api.FormAsync("getUpdates");
        TestWorlds.AssertError(status, body, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        await api.OkAsync("deleteWebhook");
        Assert.Equal(200, (await api.FormAsync("getUpdates")).Status);
    }

    [Fact]
    public async Task Chat_member_updates_arrive_only_when_asked_for()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Members", null, owner.Id);
        var quiet = w.CreateBot("quiet_bot");
        var curious = w.CreateBot("curious_bot");
        w.MakeAdmin(group.Id, quiet.UserId);
        w.MakeAdmin(group.Id, curious.UserId);
        using var quietApi = new BotApiTestClient(sim.BaseUrl, quiet.Token);
        using var curiousApi = new BotApiTestClient(sim.BaseUrl, curious.Token);
        var my = await quietApi.OkAsync("getUpdates");
        Assert.Contains(my.EnumerateArray(), u => u.TryGetProperty("my_chat_member", out var m) && m.GetProperty("new_chat_member").GetProperty("status").GetString() == "administrator");
        await quietApi.OkAsync("getUpdates", ("offset", -1), ("allowed_updates", "[]"));
        await curiousApi.OkAsync("getUpdates", ("offset", -1), ("allowed_updates", "[\"message\",\"chat_member\"]"));
        await quietApi.OkAsync("getUpdates", ("offset", my[my.GetArrayLength() - 1].GetProperty("update_id").GetInt64() + 1));

        var joiner = w.CreateUser("Joiner");
        w.AddMember(group.Id, joiner.Id);

        var curiousUpdates = (await curiousApi.OkAsync("getUpdates", ("timeout", 5))).EnumerateArray().ToList();
        var change = Assert.Single(curiousUpdates, u => u.TryGetProperty("chat_member", out _)).GetProperty("chat_member");
        Assert.Equal("left", change.GetProperty("old_chat_member").GetProperty("status").GetString());
        Assert.Equal("member", change.GetProperty("new_chat_member").GetProperty("status").GetString());
        Assert.Equal(joiner.Id, change.GetProperty("new_chat_member").GetProperty("user").GetProperty("id").GetInt64());
        var quietUpdates = (await quietApi.OkAsync("getUpdates", ("timeout", 1))).EnumerateArray().ToList();
        Assert.DoesNotContain(quietUpdates, u => u.TryGetProperty("chat_member", out _));
        Assert.Contains(quietUpdates, u => u.TryGetProperty("message", out var m) && m.TryGetProperty("new_chat_members", out _));
    }

    [Fact]
    public async Task Group_messages_reach_member_bots_respecting_privacy_mode()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var group = w.CreateSupergroup("Chatty", null, owner.Id);
        var privateBot = w.CreateBot("private_bot");
        var adminBot = w.CreateBot("admin_bot");
        w.AddMember(group.Id, privateBot.UserId);
        w.MakeAdmin(group.Id, adminBot.UserId);
        using var p = new BotApiTestClient(sim.BaseUrl, privateBot.Token);
        using var a = new BotApiTestClient(sim.BaseUrl, adminBot.Token);
        await p.OkAsync("getUpdates", ("offset", -1));
        await a.OkAsync("getUpdates", ("offset", -1));
        var lastP = (await p.OkAsync("getUpdates"))[0].GetProperty("update_id").GetInt64();
        var lastA = (await a.OkAsync("getUpdates"))[0].GetProperty("update_id").GetInt64();

        w.SendAsUser(owner.Id, group.Id, "just chatting");
        w.SendAsUser(owner.Id, group.Id, "/status");

        var seenByPrivate = (await p.OkAsync("getUpdates", ("offset", lastP + 1), ("timeout", 2))).EnumerateArray().Select(u => u.GetProperty("message").GetProperty("text").GetString()).ToList();
        var seenByAdmin = (await a.OkAsync("getUpdates", ("offset", lastA + 1), ("timeout", 2))).EnumerateArray().Select(u => u.GetProperty("message").GetProperty("text").GetString()).ToList();
        Assert.Equal(["/status"], seenByPrivate);
        Assert.Equal(["just chatting", "/status"], seenByAdmin);
    }
}

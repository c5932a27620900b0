using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Second_message_within_a_second_to_a_private_chat_is_429_with_retry_after()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var bot = w.CreateBot("fast_bot");
        var user = w.CreateUser("Rae");
        w.StartBot(user.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        await api.OkAsync("sendMessage", ("chat_id", user.Id), ("text", "1"));
        var (status, body) = await api.FormAsync("sendMessage", ("chat_id", user.Id), ("text", "2"));

        TestWorlds.AssertError(status, body, 429, "Too Many Requests: retry after 1");
        Assert.Equal(1, body.GetProperty("parameters").GetProperty("retry_after").GetInt32());
        Assert.Equal(1, sim.Calls.Count(429, Faults.SimClientKind.Bot, bot.UserId));
    }

    [Fact]
    public async Task A_group_takes_20_messages_a_minute()
    {
        await using var sim = await TestWorlds.StartAsync();
        var w = sim.World;
        var owner = w.CreateUser("Owner");
        var bot = w.CreateBot("group_bot");
        var group = w.CreateSupergroup("Busy", null, owner.Id);
        w.MakeAdmin(group.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        for (var i = 0; i < 20; i++) await api.OkAsync("sendMessage", ("chat_id", group.Id), ("text", $"m{i}"));
        var (status, body) = await api.FormAsync("sendMessage", ("chat_id", group.Id), ("text", "one too many"));

        Assert.Equal(429, status);
        var retry = body.GetProperty("parameters").GetProperty("retry_after").GetInt32();
        Assert.InRange(retry, 50, 60);
        Assert.Equal($"Too Many Requests: retry after {retry}", body.GetProperty("description").GetString());
        Assert.Equal(20, w.GetMessages(group.Id).Count(m => m.SenderUserId == bot.UserId));
    }

    [Fact]
    public async Task A_bot_takes_30_messages_a_second_over_all_chats()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sim = await TestWorlds.StartAsync(o => o.TimeProvider = clock);
        var w = sim.World;
        var bot = w.CreateBot("broadcast_bot");
        var users = Enumerable.Range(0, 31).Select(i => w.CreateUser($"U{i}")).ToList();
        foreach (var u in users) w.StartBot(u.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);

        var statuses = new List<int>();
        foreach (var u in users) statuses.Add((await api.FormAsync("sendMessage", ("chat_id", u.Id), ("text", "news"))).Status);

        Assert.All(statuses.Take(30), s => Assert.Equal(200, s));
        Assert.Equal(429, statuses[30]);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await api.FormAsync("sendMessage", ("chat_id", users[30].Id), ("text", "later"))).Status);
    }

    [Fact]
    public async Task Limits_can_be_turned_off()
    {
        await using var sim = await TestWorlds.StartAsync(o => o.Limits.Enabled = false);
        var w = sim.World;
        var bot = w.CreateBot("unlimited_bot");
        var user = w.CreateUser("Sam");
        w.StartBot(user.Id, bot.UserId);
        using var api = new BotApiTestClient(sim.BaseUrl, bot.Token);
        for (var i = 0; i < 40; i++) await api.OkAsync("sendMessage", ("chat_id", user.Id), ("text", $"{i}"));
        Assert.Equal(0, sim.Calls.Count(429));
    }
}

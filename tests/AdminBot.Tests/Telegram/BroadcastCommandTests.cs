using System.Globalization;
using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.World;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>/broadcast as an admin uses it in Telegram and on the command line, against the admin bot process and a silo process: bad input
/// refused with nothing created, then a guided broadcast whose one progress message the cluster keeps up to date and whose Pause and
/// Resume buttons act on it.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class BroadcastCommandTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    private async Task<(SimBotInfo Bot, SimUser[] Users)> BotAsync(string name, int subscribers)
    {
        var bot = Cluster.World.CreateBot(name + "_bot");
        await Cluster.Grains.GetGrain<IBotGrain>(bot.UserId.ToString(CultureInfo.InvariantCulture)).ConfigureAsync(new BotConfiguration(bot.Token));
        var users = Enumerable.Range(0, subscribers).Select(i => Cluster.World.CreateUser($"{name} {i}")).ToArray();
        foreach (var u in users) Cluster.World.StartBot(u.Id, bot.UserId);
        return (bot, users);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_and_nothing_is_sent()
    {
        using var chat = Cluster.AdminChat();
        var (lonely, _) = await BotAsync("lonely", 0);

        Assert.Equal("There is no bot 424242 in the cluster. Nothing was sent.", (await chat.SendAsync("/broadcast 424242")).Text);
        Assert.StartsWith("'abc' is not a bot id", (await chat.SendAsync("/broadcast abc")).Text);
        var question = await chat.SendAsync($"/broadcast {lonely.UserId}");
        Assert.Contains("send the message", question.Text);
        var refused = await chat.SendAsync("Hello nobody");
        Assert.Contains($"bot {lonely.UserId} has no subscriber to send to", refused.Text);
        Assert.Equal($"Bot {lonely.UserId} has no broadcasts.", (await chat.SendAsync($"/broadcasts {lonely.UserId}")).Text);

        var (bot, users) = await BotAsync("clibad", 2);
        await Eventually.WaitAsync(() => Cluster.World.GetPendingUpdates(bot.UserId).Count, n => n == 0, "the bot took the /start updates");
        var empty = await Cluster.CliAsync("broadcast", bot.UserId.ToString(CultureInfo.InvariantCulture), "--text", " ");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("the message is empty", empty.Output);
        Assert.All(users, u => Assert.DoesNotContain(Cluster.World.GetPrivateMessages(u.Id, bot.UserId), m => m.SenderUserId == bot.UserId));
    }

    [Fact]
    public async Task A_guided_broadcast_keeps_one_progress_message_whose_buttons_pause_and_resume_it()
    {
        using var chat = Cluster.AdminChat();
        var (bot, users) = await BotAsync("news", 150);
        await Eventually.WaitAsync(() => Cluster.World.GetPendingUpdates(bot.UserId).Count, n => n == 0, "the bot took the /start updates");

        await chat.SendAsync($"/broadcast {bot.UserId}");
        var asked = (await chat.DialogAsync()).Max(m => m.Id);
        await chat.WriteAsync("Hello from the news bot");
        DialogMessage? progress = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); progress is null && DateTime.UtcNow < deadline; await Task.Delay(100))
            progress = (await chat.BotMessagesAfterAsync(asked, TimeSpan.FromSeconds(5))).FirstOrDefault(m => m.Text.StartsWith("Broadcast b", StringComparison.Ordinal) && m.AllButtons.Any());
        Assert.NotNull(progress);
        Assert.Contains("sending", progress.Text);
        var (paused, toast) = await chat.PressAsync(progress, "⏸ Pause");
        Assert.Equal(progress.Id, paused.Id);
        Assert.Contains("paused", paused.Text);
        Assert.EndsWith(": paused", toast);

        var (resumed, _) = await chat.PressAsync(paused, "▶ Resume");
        Assert.Equal(progress.Id, resumed.Id);
        // The cluster edits the same message until it says done: one progress message, no new ones.
        var done = await Eventually.WaitAsync(async () => (await chat.DialogAsync()).Single(m => m.Id == progress.Id), m => m.Text.Contains(": done"), "the progress message says done",
            TimeSpan.FromSeconds(60));
        Assert.Contains("sent 150, failed 0, blocked 0, pending 0 of 150", done.Text);
        Assert.Empty(done.AllButtons);
        Assert.Single(await chat.DialogAsync(), m => m.Text.StartsWith("Broadcast b", StringComparison.Ordinal) && m.Text.Contains(" of bot "));
        Assert.All(users, u => Assert.Single(Cluster.World.GetPrivateMessages(u.Id, bot.UserId), m => m.SenderUserId == bot.UserId && m.Text == "Hello from the news bot"));

        var cli = await Cluster.CliAsync("broadcasts", bot.UserId.ToString(CultureInfo.InvariantCulture));
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("completed, sent 150/150", cli.Output);
    }
}

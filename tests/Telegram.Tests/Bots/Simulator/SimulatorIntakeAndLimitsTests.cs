using System.Diagnostics;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Intake;
using Telegram.Bot;
using Telegram.Bot.Types;
using Cluster.TelegramSim.Faults;
using Xunit.Abstractions;

namespace Cluster.Telegram.Tests.Bots.Simulator;

/// <summary>Long polling across a restart and a send burst through the limiter, against the simulator over real HTTP.</summary>
/// <remarks>The simulator enforces Telegram's limits and forgets updates only on confirmation, so losses, repeats and 429s would show.</remarks>
public sealed class SimulatorIntakeAndLimitsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Long_polling_across_a_restart_delivers_each_update_exactly_once_in_order()
    {
        await using var sim = await SimWorldFixture.StartAsync();
        var store = new InMemoryUpdateOffsetStore();
        var options = new LongPollerOptions { PollTimeout = TimeSpan.FromSeconds(1), Limit = 3 };
        var texts = new List<string>();
        for (var i = 0; i < 10; i++)
            sim.World.SendAsUser(sim.Member.Id, sim.Group.Id, $"m{i}");

        async Task PollUntil(int count)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await new LongPoller(sim.Client(), store, options).RunAsync((update, _) =>
            {
                if (update.Message is { Text: { } text } && text.StartsWith('m'))
                    texts.Add(text);
                if (texts.Count == count)
                    stop.Cancel();
                return Task.CompletedTask;
            }, stop.Token);
        }

        await PollUntil(4);
        for (var i = 10; i < 15; i++)
            sim.World.SendAsUser(sim.Member.Id, sim.Group.Id, $"m{i}");
        await PollUntil(15);

        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"m{i}"), texts);
    }

    [Fact]
    public async Task A_burst_of_2000_sends_to_200_chats_gets_no_429_and_keeps_each_chats_order()
    {
        const int chats = 200, perChat = 10, rate = 300;
        await using var sim = await SimWorldFixture.StartAsync(o => o.Limits.BotMessagesPerSecond = rate);
        var users = Enumerable.Range(0, chats).Select(i => sim.World.CreateUser($"Reader{i}")).ToList();
        foreach (var user in users)
            sim.World.StartBot(user.Id, sim.Bot.UserId);
        var client = sim.Client(o => o.Limits.MessagesPerSecond = rate);

        var clock = Stopwatch.StartNew();
        var sends = new List<Task<Message>>();
        for (var round = 0; round < perChat; round++)
            foreach (var user in users)
                sends.Add(client.SendMessage(user.Id, $"{round}"));
        await Task.WhenAll(sends);
        output.WriteLine($"2000 sends to 200 private chats at {rate}/s bot-wide, 1/s per chat: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(0, sim.Host.Calls.Count(429, SimClientKind.Bot, sim.Bot.UserId));
        Assert.Equal(0, client.Counters.TooManyRequests);
        Assert.Equal(chats * perChat, client.Counters.Calls);
        foreach (var user in users)
        {
            var received = sim.World.GetPrivateMessages(user.Id, sim.Bot.UserId).Where(m => m.SenderUserId == sim.Bot.UserId).Select(m => m.Text);
            Assert.Equal(Enumerable.Range(0, perChat).Select(i => $"{i}"), received);
        }
    }
}

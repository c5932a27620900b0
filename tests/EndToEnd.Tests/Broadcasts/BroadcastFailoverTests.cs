using System.Globalization;
using Cluster.EndToEnd.Tests.Guard;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Broadcasts;

/// <summary>A bot broadcast to 600 subscribers (30 of whom blocked the bot) while the silo running it is killed with SIGKILL: another
/// silo takes it over, and the simulator's record shows that every subscriber who did not block the bot got the message exactly once,
/// and that the broadcast's records hold the id of each message: the sends in flight at the kill were looked for in their chats
/// (between the message ids known before and after them) and found, or sent again when they were not there.</summary>
[Trait("Category", "Failover")]
public sealed class BroadcastFailoverTests(ITestOutputHelper output)
{
    private const int Users = 600, Blockers = 30;

    [Fact]
    public async Task Killing_the_silo_running_a_broadcast_moves_it_to_another_silo_and_nobody_gets_it_twice()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 3);
        var grains = cluster.Grains;
        using var guardSim = new GuardSimulator(cluster.SimulatorProcess.BaseUrl);
        using var sim = new BroadcastSimulator(cluster.SimulatorProcess.BaseUrl);

        var bot = await guardSim.CreateBotAsync("failover_broadcast_bot");
        await grains.GetGrain<IBotGrain>(bot.UserId.ToString(CultureInfo.InvariantCulture)).ConfigureAsync(new BotConfiguration(bot.Token));
        var users = new List<long>();
        for (var i = 0; i < Users; i++)
        {
            var user = await guardSim.CreateUserAsync($"Subscriber {i}");
            await sim.StartBotAsync(bot.UserId, user.Id);
            users.Add(user.Id);
        }
        var blockers = users.Take(Blockers).ToHashSet();
        foreach (var u in blockers) await sim.BlockBotAsync(bot.UserId, u);
        await cluster.EventuallyAsync(async () => (await ActiveSubscribersAsync(grains, bot.UserId)) == Users, "every subscriber is recorded", TimeSpan.FromSeconds(60));

        const string text = "Failover broadcast";
        var id = BroadcastKeys.NewBroadcastId(bot.UserId, DateTimeOffset.UtcNow);
        var broadcast = grains.GetGrain<IBroadcastGrain>(id);
        await broadcast.CreateAsync(new BroadcastRequest(bot.UserId, new BroadcastMessage(text)));
        var sentAtKill = 0;
        await cluster.EventuallyAsync(async () => (sentAtKill = (await broadcast.GetProgressAsync()).Sent) >= 150, "a quarter is sent", TimeSpan.FromSeconds(60));
        var location = await cluster.Management.GetActivationAddress(broadcast) ?? throw new InvalidOperationException("The broadcast is not active.");
        var slot = cluster.Find(location)?.Slot ?? throw new InvalidOperationException($"The broadcast is active on {location}, not a silo of this cluster.");
        var killedAt = DateTimeOffset.UtcNow;
        await cluster.KillAsync(slot);

        BroadcastProgress? done = null;
        await cluster.EventuallyAsync(async () => (done = await broadcast.GetProgressAsync()).Finished, "the broadcast finishes on another silo", TimeSpan.FromSeconds(60));
        var finishedAfter = DateTimeOffset.UtcNow - killedAt;
        var records = new List<RecipientRecord>();
        for (var chunk = 0; ; chunk++)
        {
            var page = await broadcast.GetRecipientsAsync(chunk);
            if (page.Count == 0) break;
            records.AddRange(page);
        }
        var unconfirmed = records.Where(r => r.State == RecipientState.Unconfirmed).Select(r => r.UserId).ToHashSet();
        var received = (await sim.PrivateMessagesAsync(bot.UserId)).Where(m => m.Text == text).GroupBy(m => m.UserId).ToDictionary(g => g.Key, g => g.Count());
        var missing = users.Where(u => !blockers.Contains(u) && !received.ContainsKey(u)).ToList();
        var counts = await guardSim.CallCountsAsync();
        output.WriteLine($"killed slot {slot} at sent {sentAtKill}; finished {finishedAfter.TotalSeconds:0.0} s after the kill: "
                         + $"sent {done!.Sent}, blocked {done.Blocked}, unconfirmed {done.Unconfirmed} (of which {missing.Count} did not arrive), failed {done.Failed}; 429s {counts.TooManyRequests}");

        Assert.Equal(BroadcastPhase.Completed, done.Phase);
        Assert.All(received, r => Assert.True(r.Value == 1, $"user {r.Key} got the message {r.Value} times"));
        Assert.All(blockers, u => Assert.False(received.ContainsKey(u)));
        Assert.Equal(Blockers, done.Blocked);
        Assert.Empty(missing);
        Assert.Empty(unconfirmed);
        Assert.Equal(Users - Blockers, done.Sent);
        var ids = (await sim.PrivateMessagesAsync(bot.UserId)).Where(m => m.Text == text).ToDictionary(m => m.UserId, m => m.MessageId);
        Assert.All(records.Where(r => r.State == RecipientState.Sent), r => Assert.Equal(ids[r.UserId], (long)r.MessageId!.Value));
        Assert.Equal(0, done.Failed);
        Assert.Equal(0, counts.TooManyRequests);
    }

    private static async Task<int> ActiveSubscribersAsync(IGrainFactory grains, long botId)
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, BroadcastKeys.SubscriberBuckets)
            .Select(b => grains.GetGrain<IBotSubscribersGrain>(BroadcastKeys.Bucket(botId, b)).GetAsync()));
        return buckets.Sum(b => b.Active.Count + b.Blocked.Count);
    }
}

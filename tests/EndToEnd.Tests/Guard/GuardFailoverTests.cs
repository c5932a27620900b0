using System.Globalization;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Guard;
using Cluster.TelegramSim.World;
using Xunit.Abstractions;

namespace Cluster.EndToEnd.Tests.Guard;

/// <summary>The bot grain's silo is killed with SIGKILL while members join a protected group and unverified members talk in
/// another; another silo takes over polling, and every update is acted on exactly once, as the simulator saw it.</summary>
/// <remarks>"Exactly once" is read from the simulator's answers, per update: each unsubscribed joiner costs exactly one
/// restrictChatMember (a repeated join would not, the mute being idempotent, but a join handled twice before its mute was saved
/// would), and each unverified message exactly one deleteMessage (a message handled twice asks to delete a deleted message, which
/// the simulator answers 400). Warnings are kept (autodelete 0) and nobody is unmuted, so nothing else deletes or restricts.</remarks>
[Trait("Category", "Failover")]
public sealed class GuardFailoverTests(ITestOutputHelper output)
{
    /// <summary>The bound for a take-over: Orleans declares the killed silo dead (probes of 1 s, 2 missed, 2 votes: a few
    /// seconds), the keepers whose ranges grew call the bot grain at once, its new activation waits for the dead poller's
    /// session lease (5 s from its last renewal) and polls; with room for a shared, busy machine.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Killing_the_bot_grains_silo_moves_polling_to_another_silo_and_acts_on_every_update_once_without_409()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, new Dictionary<string, string> { ["Cluster__Bots__PollTimeout"] = "00:00:10" });
        var grains = cluster.Grains;
        var management = cluster.Management;
        using var sim = new GuardSimulator(cluster.SimulatorProcess.BaseUrl);

        var bot = await sim.CreateBotAsync("failover_guard_bot");
        var botKey = bot.UserId.ToString(CultureInfo.InvariantCulture);
        var owner = await sim.CreateUserAsync("Owner");
        var channel = await sim.CreateChatAsync("channel", "Failover news", "failover_news", owner.Id);
        var muting = await sim.CreateChatAsync("supergroup", "Muting group", null, owner.Id);
        var deleting = await sim.CreateChatAsync("supergroup", "Deleting group", null, owner.Id);
        foreach (var chat in new[] { channel, muting, deleting }) await sim.SetMemberAsync(chat.Id, bot.UserId, "administrator");
        await grains.GetGrain<IBotGrain>(botKey).ConfigureAsync(new BotConfiguration(bot.Token));
        IProtectedGroupGrain Group(SimChatInfo chat) => grains.GetGrain<IProtectedGroupGrain>(chat.Id.ToString(CultureInfo.InvariantCulture));
        foreach (var group in new[] { muting, deleting })
        {
            await sim.SendAsUserAsync(group.Id, owner.Id, "/protect @" + channel.Username);
            await sim.SendAsUserAsync(group.Id, owner.Id, "/settings autodelete 0");
        }
        await sim.SendAsUserAsync(deleting.Id, owner.Id, "/settings mode delete");
        await cluster.EventuallyAsync(async () => (await Group(muting).GetStatusAsync()) is { Enabled: true, Settings.WarningDeleteAfterSeconds: 0 }
            && (await Group(deleting).GetStatusAsync()) is { Enabled: true, Settings: { WarningDeleteAfterSeconds: 0, Mode: GuardMode.DeleteOnly } },
            "both groups protected and set", TimeSpan.FromSeconds(60));
        var talkers = new List<SimUser>();
        for (var i = 0; i < 5; i++)
        {
            talkers.Add(await sim.CreateUserAsync($"Talker {i}"));
            await sim.SetMemberAsync(deleting.Id, talkers[^1].Id, "member");
        }

        // Traffic for 16 s, one event every 200 ms; the bot's silo is killed after 6 s, in the middle of it.
        var botGrain = grains.GetGrain<IBotGrain>(botKey);
        var location = await management.GetActivationAddress(botGrain) ?? throw new InvalidOperationException("The bot grain is not active.");
        var botSlot = cluster.Find(location)?.Slot ?? throw new InvalidOperationException($"The bot grain is active on {location}, not a silo of this cluster.");
        var joiners = new List<(SimUser User, bool Subscribed)>();
        var messages = new List<long>();
        var random = new Random(11);
        DateTimeOffset? killedAt = null;
        for (var e = 0; e < 80; e++)
        {
            if (e == 30)
            {
                killedAt = DateTimeOffset.UtcNow;
                await cluster.KillAsync(botSlot);
            }
            if (e % 2 == 0)
            {
                var user = await sim.CreateUserAsync($"Joiner {e}");
                var subscribed = e % 4 == 0;
                if (subscribed) await sim.SetMemberAsync(channel.Id, user.Id, "member");
                await sim.SetMemberAsync(muting.Id, user.Id, "member");
                joiners.Add((user, subscribed));
            }
            else
            {
                messages.Add((await sim.SendAsUserAsync(deleting.Id, talkers[random.Next(talkers.Count)].Id, $"unverified {e}")).Id);
            }
            await Task.Delay(200);
        }

        var unsubscribed = joiners.Where(j => !j.Subscribed).Select(j => j.User).ToList();
        await cluster.EventuallyAsync(async () =>
        {
            foreach (var user in unsubscribed)
                if ((await sim.MemberAsync(muting.Id, user.Id)).Status != SimMemberStatus.Restricted) return false;
            var deleted = (await sim.MessagesAsync(deleting.Id, includeDeleted: true)).Where(m => m.IsDeleted).Select(m => m.Id).ToHashSet();
            return messages.All(deleted.Contains);
        }, "every unsubscribed joiner muted and every unverified message deleted (none lost)", TimeSpan.FromSeconds(60));

        var polls = await sim.CallsAsync("getUpdates");
        var firstAfterKill = polls.FirstOrDefault(p => p.At > killedAt!.Value && p.Status == 200);
        var counts = await sim.CallCountsAsync();
        output.WriteLine($"bot grain's silo (slot {botSlot}) killed; polling resumed {(firstAfterKill is null ? "never" : $"{(firstAfterKill.At - killedAt!.Value).TotalSeconds:0.0} s")} after the kill; "
                         + $"409 answers: {counts.Conflicts}; {unsubscribed.Count} joiners muted, {messages.Count} messages deleted");
        Assert.True(firstAfterKill is not null && firstAfterKill.At - killedAt!.Value <= TakeoverBound,
            $"polling resumed {(firstAfterKill is null ? "never" : $"{(firstAfterKill.At - killedAt!.Value).TotalSeconds:0.0} s")} after the kill; bound {TakeoverBound.TotalSeconds} s\n{cluster.Diagnostics()}");
        var now = await management.GetActivationAddress(botGrain);
        Assert.NotNull(now);
        Assert.NotEqual(location, now);
        Assert.True((await botGrain.GetStatusAsync()).Polling);

        Assert.Equal(0, counts.Conflicts);
        var restricts = await sim.CallsAsync("restrictChatMember");
        Assert.Equal(unsubscribed.Count, restricts.Count(c => c.Status == 200));
        Assert.DoesNotContain(restricts, c => c.Status != 200);
        var deletes = await sim.CallsAsync("deleteMessage");
        Assert.Equal(messages.Count, deletes.Count(c => c.Status == 200));
        Assert.Empty(deletes.Where(c => c.Status != 200).Select(c => c.Error));
        foreach (var (user, _) in joiners.Where(j => j.Subscribed))
            Assert.Equal(SimMemberStatus.Member, (await sim.MemberAsync(muting.Id, user.Id)).Status);
    }
}

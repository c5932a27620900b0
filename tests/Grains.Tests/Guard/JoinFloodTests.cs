using System.Diagnostics;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Guard;

/// <summary>The join flood: 1,000 joins within one minute across 50 protected groups (20 per group, half of them subscribed
/// to the group's channel), paced evenly over the minute, on the simulator with Telegram's limits on.</summary>
/// <remarks>Own fixture (own simulator and silo), so the 429 count is this test's alone.</remarks>
[Trait("Category", "Load")]
public sealed class JoinFloodTests(GuardCluster cluster) : IClassFixture<GuardCluster>
{
    private const int Groups = 50;
    private const int JoinsPerGroup = 20;
    private static readonly TimeSpan FloodDuration = TimeSpan.FromMinutes(1);

    private SimWorld W => cluster.World;

    [Fact]
    public async Task A_thousand_joins_in_a_minute_mute_every_unsubscribed_joiner_and_no_subscribed_one_without_a_429()
    {
        var groups = await Task.WhenAll(Enumerable.Range(0, Groups).Select(g => cluster.ProtectedGroupAsync($"flood{g:D2}")));
        var random = new Random(5);
        var joins = new List<(SimChatInfo Group, SimUser User, bool Subscribed)>();
        foreach (var (group, _, channels) in groups)
            for (var j = 0; j < JoinsPerGroup; j++)
            {
                var user = W.CreateUser($"Joiner{joins.Count:D4}");
                var subscribed = j % 2 == 0;
                if (subscribed) W.AddMember(channels[0].Id, user.Id);
                joins.Add((group, user, subscribed));
            }
        var order = joins.OrderBy(_ => random.Next()).ToList();

        // Evenly paced over the minute: the i-th join happens at i/1000 of it (catching up if the machine falls behind).
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < order.Count; i++)
        {
            var due = FloodDuration * i / order.Count;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            W.AddMember(order[i].Group.Id, order[i].User.Id);
        }
        var joinedWithin = clock.Elapsed;
        Assert.True(joinedWithin < FloodDuration + TimeSpan.FromSeconds(5), $"the joins took {joinedWithin}, not about a minute");

        var unsubscribed = joins.Where(j => !j.Subscribed).ToList();
        await GuardCluster.Eventually(() => unsubscribed.All(j => !cluster.CanSend(j.Group.Id, j.User.Id)), "every unsubscribed joiner is muted", seconds: 60);
        // Every join has been handled once the group grains have nobody left to handle: then no subscribed joiner may be muted.
        await GuardCluster.Eventually(async () => (await Task.WhenAll(groups.Select(g => cluster.GroupGrain(g.Group.Id).GetStatusAsync())))
            .Sum(s => s.Muted) == unsubscribed.Count, "the groups count every mute", seconds: 30);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var wronglyMuted = joins.Where(j => j.Subscribed && !cluster.CanSend(j.Group.Id, j.User.Id)).Select(j => j.User.FirstName).ToList();
        Assert.Empty(wronglyMuted);
        var notMuted = unsubscribed.Where(j => cluster.CanSend(j.Group.Id, j.User.Id)).Select(j => j.User.FirstName).ToList();
        Assert.Empty(notMuted);
        Assert.Equal(0, cluster.Sim.Calls.Count(429));

        // Prompts are coalesced within each group's budget: every muted joiner is named in one, none is left waiting.
        await GuardCluster.Eventually(async () => (await Task.WhenAll(groups.Select(g => cluster.GroupGrain(g.Group.Id).GetStatusAsync())))
            .All(s => s.JoinersAwaitingPrompt == 0), "every muted joiner has been named in a prompt", seconds: 90);
        foreach (var (group, _, _) in groups)
        {
            var prompts = W.GetMessages(group.Id).Where(m => m.SenderUserId == cluster.Bot.UserId && m.ReplyMarkup?.FindByData("guard:joined") is not null)
                .Select(m => m.Text ?? "").ToList();
            Assert.InRange(prompts.Count, 1, JoinsPerGroup / 2);
            foreach (var joiner in unsubscribed.Where(j => j.Group.Id == group.Id))
                Assert.Contains(prompts, p => p.Contains(joiner.User.FirstName, StringComparison.Ordinal));
        }
        Assert.Equal(0, cluster.Sim.Calls.Count(429));
    }
}

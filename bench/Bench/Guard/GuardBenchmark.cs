using System.Diagnostics;
using Cluster.Bench.Reporting;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Diagnostics;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;
using Orleans;

namespace Cluster.Bench.Guard;

/// <summary>Figures of the membership guard: the bot grain polling the in-process simulator over the product's Bot API client and
/// routing to protected-group grains on one silo of an in-process Orleans test cluster (TestSupport's <see cref="GrainCluster"/>, the
/// product's silo configuration, default timings), Telegram's limits on, no injected latency.
/// Run: <c>dotnet run -c Release --project bench/Bench -- guard [joins]</c>.</summary>
/// <remarks>join_to_mute: one unsubscribed joiner at a time, from the simulator's clock at the join (which creates the update) to its
/// clock when restrictChatMember arrived. Throughput and cache: a mix on 20 groups that already verified their members (see
/// <see cref="Mix"/>); a verification is one membership decision (a join, a message, an "I have joined").</remarks>
public static class GuardBenchmark
{
    private const int Groups = 20;
    private const int MembersPerGroup = 50;

    /// <summary>The mix, out of 20 events: 14 messages from members already verified, 5 joins of new users (3 subscribed, 2 not),
    /// 1 "I have joined" press by a muted joiner who then joined the channel (re-checked without the cache).</summary>
    private const string Mix = "70% messages by verified members, 25% joins (60% of them subscribed), 5% \"I have joined\" presses";

    public static async Task<int> RunAsync(string[] args)
    {
        var latencyJoins = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 300;
        await using var cluster = await GrainCluster.StartAsync();
        var sim = cluster.Simulator;
        var world = sim.World;
        var bot = world.CreateBot("bench_guard_bot");
        {
            var grains = cluster.Silos[0].Grains();
            await grains.GetGrain<IBotGrain>(bot.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAsync(new BotConfiguration(bot.Token));
            IProtectedGroupGrain Group(long id) => grains.GetGrain<IProtectedGroupGrain>(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Groups, each protected by its own channel, with members who joined (subscribed) and were verified.
            var groups = new List<(SimChatInfo Group, SimChatInfo Channel, List<SimUser> Members)>();
            for (var g = 0; g < Groups; g++)
            {
                var owner = world.CreateUser($"owner {g}");
                var group = world.CreateSupergroup($"bench group {g}", null, owner.Id);
                var channel = world.CreateChannel($"bench channel {g}", $"bench_channel_{g}", owner.Id);
                world.MakeAdmin(group.Id, bot.UserId);
                world.MakeAdmin(channel.Id, bot.UserId);
                world.SendAsUser(owner.Id, group.Id, "/protect @" + channel.Username);
                groups.Add((group, channel, []));
            }
            foreach (var (group, _, _) in groups) await WaitForAsync(async () => (await Group(group.Id).GetStatusAsync()).Enabled, "protection on");
            var userCount = 0;
            SimUser NewUser() => world.CreateUser($"u{userCount++}");
            foreach (var (group, channel, members) in groups)
                for (var i = 0; i < MembersPerGroup; i++)
                {
                    var user = NewUser();
                    world.AddMember(channel.Id, user.Id);
                    world.AddMember(group.Id, user.Id);
                    members.Add(user);
                }
            await WaitForHandledAsync(grains, bot.UserId, world);

            // 1. Join to mute, one joiner at a time (round robin over the groups).
            var latencies = new List<double>(latencyJoins);
            var samples = new List<(long GroupId, DateTimeOffset Joined, DateTimeOffset Muted)>(latencyJoins);
            var spans = new System.Collections.Concurrent.ConcurrentQueue<(string Name, DateTimeOffset Start, long First, long Last)>();
            using var listener = ListenToBotSpans(spans);
            for (var i = 0; i < latencyJoins + 20; i++)
            {
                var (group, _, _) = groups[i % groups.Count];
                var user = NewUser();
                var joined = world.AddMember(group.Id, user.Id);
                await WaitForAsync(() => Task.FromResult(world.GetMember(group.Id, user.Id).Status == SimMemberStatus.Restricted), "a mute", poll: TimeSpan.FromMilliseconds(1));
                if (i < 20) continue; // warm-up
                var muted = world.GetMember(group.Id, user.Id).Since;
                latencies.Add((muted - joined.Since).TotalMilliseconds);
                samples.Add((group.Id, joined.Since, muted));
            }
            latencies.Sort();
            // Where the time goes, per joiner, from the join update: the simulator taking it for a getUpdates (the bot's poll was
            // waiting, or the bot polls again once its previous batch is handled), answering that getUpdates, the bot's poll loop
            // receiving the answer, the bot grain's turn routing the batch, and the group grain's checks up to the mute.
            var deliveries = world.GetDeliveries(bot.UserId).Where(d => d.ChatId is not null).GroupBy(d => d.ChatId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var answers = sim.Calls.Records(method: "getUpdates").Where(c => c.Status == 200).Select(c => c.At).Order().ToList();
            var batches = spans.Where(s => s.Name == GrainTracing.BotBatch).ToList();
            var routings = spans.Where(s => s.Name == GrainTracing.BotDeliver).ToList();
            var (toPoll, toAnswer, toReceive, toRoute, toMute) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
            foreach (var (groupId, joinedAt, mutedAt) in samples)
            {
                if (deliveries.GetValueOrDefault(groupId)?.Where(d => d.CreatedAt >= joinedAt).MinBy(d => d.DeliveredAt) is not { } first) continue;
                var answered = answers.FirstOrDefault(a => a >= first.DeliveredAt);
                var received = batches.Where(b => b.First <= first.UpdateId && first.UpdateId <= b.Last).Select(b => b.Start).DefaultIfEmpty().Min();
                var routed = routings.Where(b => b.First <= first.UpdateId && first.UpdateId <= b.Last).Select(b => b.Start).DefaultIfEmpty().Min();
                if (answered == default || received == default || routed == default) continue;
                toPoll.Add((first.DeliveredAt - joinedAt).TotalMilliseconds);
                toAnswer.Add((answered - first.DeliveredAt).TotalMilliseconds);
                toReceive.Add((received - answered).TotalMilliseconds);
                toRoute.Add((routed - received).TotalMilliseconds);
                toMute.Add((mutedAt - routed).TotalMilliseconds);
            }
            string Split(string stage, List<double> ms)
            {
                ms.Sort();
                return FormattableString.Invariant($"{stage} p50 {Measure.Percentile(ms, 0.5):0.##} ms, p99 {Measure.Percentile(ms, 0.99):0.##} ms");
            }
            BenchReport.Note($"join_to_mute split over {toPoll.Count} joiners: {Split("join to taken by a getUpdates", toPoll)}; {Split("taken to answered", toAnswer)}; " +
                $"{Split("answered to received by the bot", toReceive)}; {Split("received to routed", toRoute)}; {Split("routed to mute", toMute)}");
            BenchReport.Note($"join_to_mute: {latencyJoins} unsubscribed joiners one at a time over {Groups} groups (after 20 warm-up), the simulator's clock from the join to restrictChatMember");
            BenchReport.Print("guard.join_to_mute_p50", Measure.Percentile(latencies, 0.50), "ms");
            BenchReport.Print("guard.join_to_mute_p99", Measure.Percentile(latencies, 0.99), "ms");
            BenchReport.Print("guard.join_to_mute_max", latencies[^1], "ms");
            await WaitForHandledAsync(grains, bot.UserId, world);

            // The latency phase's join prompts are still leaving at the bot's 30 messages/s (sent outside the groups' turns, they no
            // longer hold the joins up): let them go first, so the throughput phase measures its own work.
            await WaitForSendsToSettleAsync(sim);
            // 2. Throughput and cache hit rate under the mix, everything at once.
            var before = await Task.WhenAll(groups.Select(g => Group(g.Group.Id).GetStatusAsync()));
            var random = new Random(7);
            var events = 4000;
            var verifications = 0;
            var waitingToPress = new List<(SimChatInfo Group, SimChatInfo Channel, SimUser User)>();
            var clock = Stopwatch.StartNew();
            for (var e = 0; e < events; e++)
            {
                var (group, channel, members) = groups[random.Next(groups.Count)];
                var pick = e % 20;
                if (pick < 14)
                {
                    world.SendAsUser(members[random.Next(members.Count)].Id, group.Id, "hello");
                    verifications++;
                }
                else if (pick < 19)
                {
                    var user = NewUser();
                    if (pick < 17) world.AddMember(channel.Id, user.Id);
                    else waitingToPress.Add((group, channel, user));
                    world.AddMember(group.Id, user.Id);
                    verifications++;
                }
                else if (waitingToPress.Count > 0)
                {
                    var (g, c, user) = waitingToPress[0];
                    var prompt = world.GetMessages(g.Id).LastOrDefault(m => m.SenderUserId == bot.UserId && m.ReplyMarkup?.FindByData("guard:joined") is not null);
                    if (prompt is null || world.GetMember(g.Id, user.Id).Status != SimMemberStatus.Restricted) continue;
                    waitingToPress.RemoveAt(0);
                    world.AddMember(c.Id, user.Id);
                    world.PressButton(user.Id, g.Id, prompt.Id, "guard:joined");
                    verifications++;
                }
            }
            await WaitForHandledAsync(grains, bot.UserId, world);
            var elapsed = clock.Elapsed.TotalSeconds;
            var after = await Task.WhenAll(groups.Select(g => Group(g.Group.Id).GetStatusAsync()));
            var hits = after.Sum(s => s.CacheHits) - before.Sum(s => s.CacheHits);
            var misses = after.Sum(s => s.CacheMisses) - before.Sum(s => s.CacheMisses);
            BenchReport.Note($"throughput: {verifications} verifications on {Groups} groups of {MembersPerGroup}+ verified members, offered at once; mix: {Mix}; " +
                $"until the bot had handled every update; cache: {hits} hits, {misses} misses over the same run; 429s from the simulator: {sim.Calls.Count(429)}");
            BenchReport.Print("guard.verifications_per_second", verifications / elapsed, "verifications/s");
            BenchReport.Print("guard.cache_hit_rate", 100.0 * hits / Math.Max(1, hits + misses), "%");
            return 0;
        }
    }

    /// <summary>Until the bot has sent nothing for half a second.</summary>
    private static Task WaitForSendsToSettleAsync(TelegramSimulatorHost sim) =>
        WaitForAsync(() => Task.FromResult(sim.Calls.Records(method: "sendMessage").LastOrDefault() is not { } last
            || sim.World.Now - last.At > TimeSpan.FromMilliseconds(500)), "the join prompts sent", TimeSpan.FromMinutes(1));

    /// <summary>Records when the bot's poll loop received each batch and when the bot grain's turn began routing it.</summary>
    private static ActivityListener ListenToBotSpans(System.Collections.Concurrent.ConcurrentQueue<(string Name, DateTimeOffset Start, long First, long Last)> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrainTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.GetTagItem(GrainTracing.FirstUpdateId) is long first && a.GetTagItem(GrainTracing.LastUpdateId) is long last)
                    spans.Enqueue((a.OperationName, new DateTimeOffset(a.StartTimeUtc), first, last));
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Until the bot has polled and handled every update the simulator created for it (its saved offset is past the last).</summary>
    private static async Task WaitForHandledAsync(IGrainFactory grains, long botUserId, SimWorld world)
    {
        var bot = grains.GetGrain<IBotGrain>(botUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitForAsync(async () => world.GetPendingUpdates(botUserId).Count == 0 && (await bot.GetStatusAsync()) is { Polling: true }, "every update handled",
            TimeSpan.FromMinutes(3));
        // Pending is empty once the last batch was handed out; the offset is saved after it was handled.
        var last = world.GetDeliveries(botUserId).Max(d => d.UpdateId);
        await WaitForAsync(async () => (await bot.GetStatusAsync()).NextOffset > last, "the last batch handled", TimeSpan.FromMinutes(3));
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null, TimeSpan? poll = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds * Stopwatch.Frequency);
        while (!await done())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"The guard benchmark waited too long for {what}.");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(20));
        }
    }
}

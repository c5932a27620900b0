using System.Diagnostics;
using System.Runtime;
using Cluster.Bench.Reporting;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.TelegramSim;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Cluster.Bench.Forwarding;

/// <summary>Figures of the forwarding grains on one silo of an in-process Orleans test cluster (TestSupport's
/// <see cref="GrainCluster"/>, the product's silo configuration) against the simulator, which runs in the same process over
/// HTTP with its limits off and no injected latency. The benchmark calls the grains through the silo's own grain factory. Latency: one message at a time, from the update's
/// arrival at the account grain to the send acknowledged by the simulator (and, stricter, from posting in the source,
/// which adds the simulator's update delivery), stamped by a wrapper around the account client, so nothing is polled.
/// Throughput: 10 accounts x 2 pairs, every source posting a burst at once, after warm-up bursts (and latency after warm-up messages) repeated until the JIT has settled; the window ends when
/// the last send is acknowledged, and every destination is then checked for completeness and order. Memory: managed
/// heap growth per active account and per pair grain.
/// Run: <c>dotnet run -c Release --project bench/Bench -- forwarding [latency messages] [throughput messages per pair]</c>.</summary>
public static class ForwardingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 1 && int.TryParse(args[1], out var m) ? m : 1000;
        var perPair = args.Length > 2 && int.TryParse(args[2], out var p) ? p : 250;
        BenchReport.Note($"load average at start: {Measure.LoadAverage()}");
        var stopwatch = new ForwardingStopwatch();
        await using var cluster = await StartClusterAsync(stopwatch);
        {
            var grains = cluster.Silos[0].Grains();
            var world = cluster.World;
            var phone = 0;

            async Task<(IAccountGrain Grain, long UserId)> AccountAsync(string id)
            {
                var number = $"+1777{phone++:D7}";
                var user = world.CreateAccount(number, id, "u" + id.Replace('-', '_'));
                var grain = grains.GetGrain<IAccountGrain>(id);
                await grain.ConfigureAsync(new AccountConfiguration { ApiId = 1, ApiHash = "bench-hash", PhoneNumber = number, HourlySendLimit = 1_000_000, DailySendLimit = 1_000_000 });
                await grain.StartAsync();
                await grain.SubmitCodeAsync(world.Options.Accounts.DefaultLoginCode);
                return (grain, user.UserId);
            }

            async Task<(IChannelPairGrain Pair, SimChatInfo Source, SimChatInfo Destination)> PairAsync(string id, string accountId, long accountUserId)
            {
                var owner = world.CreateUser("owner " + id);
                var name = id.Replace('-', '_');
                var source = world.CreateChannel("src " + id, "s_" + name, owner.Id);
                var destination = world.CreateChannel("dst " + id, "d_" + name, owner.Id);
                world.MakeAdmin(destination.Id, accountUserId);
                var pair = grains.GetGrain<IChannelPairGrain>(id);
                await pair.ConfigureAsync(new PairConfiguration { AccountId = accountId, SourceChat = "@" + source.Username, Destinations = ["@" + destination.Username] });
                return (pair, source, destination);
            }

            // Posts one message and waits for its send to be acknowledged: (arrival -> sent, posted -> sent) in ms.
            async Task<(double Arrival, double Posted)> OneAtATimeAsync(long sourceId, string text)
            {
                var started = Stopwatch.GetTimestamp();
                var posted = world.PostToChannel(sourceId, text);
                stopwatch.Posted(sourceId, posted.Id, started);
                await stopwatch.WhenAcknowledged(sourceId, posted.Id).WaitAsync(TimeSpan.FromSeconds(30));
                return (stopwatch.ArrivalToAcknowledgedMs(sourceId, posted.Id) ?? throw new InvalidOperationException($"No arrival stamp for message {posted.Id}."),
                    stopwatch.PostedToAcknowledgedMs(sourceId, posted.Id)!.Value);
            }

            // 1. Latency, one message at a time. The warm-up fills the pair's id map past its first compaction and lets
            // the JIT reach its optimised code, as in a silo that has run for a while.
            var (_, latencyUser) = await AccountAsync("lat-account");
            var (latencyPair, latencySource, latencyDestination) = await PairAsync("lat-pair", "lat-account", latencyUser);
            const int warmUpRound = 300;
            var latencyRounds = await WarmUpAsync(async round =>
            {
                for (var i = 0; i < warmUpRound; i++) await OneAtATimeAsync(latencySource.Id, $"warm-up {round * warmUpRound + i}");
            });
            var warmUp = latencyRounds * warmUpRound;
            var arrival = new List<double>(messages);
            var fromPost = new List<double>(messages);
            var latencyCpu = Measure.CpuTime();
            var latencyRuntime = RuntimeCounters.Now();
            var latencyClock = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++)
            {
                var (fromArrival, fromPosting) = await OneAtATimeAsync(latencySource.Id, $"latency {i}");
                arrival.Add(fromArrival);
                fromPost.Add(fromPosting);
            }
            var latencyCpuMs = (Measure.CpuTime() - latencyCpu).TotalMilliseconds;
            var latencyRuntimeUsed = RuntimeCounters.Now() - latencyRuntime;
            arrival.Sort();
            fromPost.Sort();
            Check(world, latencyDestination.Id, warmUp, messages, i => $"latency {i}");
            var timing = await latencyPair.GetTimingAsync();
            BenchReport.Note($"latency: {messages} messages one at a time after {warmUp} warm-up messages ({latencyRounds} rounds until the JIT settled), {latencyClock.Elapsed.TotalSeconds:0.0} s, process CPU {latencyCpuMs / messages:0.###} ms per message (silo, simulator and benchmark), {latencyRuntimeUsed.Describe(messages)}; load average now {Measure.LoadAverage()}");
            BenchReport.Note($"latency: the pair's own histogram (receipt to send completed, bucket upper bounds): p50 {timing.Processing.P50Ms:0.##} ms, p99 {timing.Processing.P99Ms:0.##} ms over {timing.Processing.Count} messages");
            BenchReport.Print("forwarding.latency_arrival_to_sent_p50", Measure.Percentile(arrival, 0.50), "ms");
            BenchReport.Print("forwarding.latency_arrival_to_sent_p99", Measure.Percentile(arrival, 0.99), "ms");
            BenchReport.Print("forwarding.latency_arrival_to_sent_max", arrival[^1], "ms");
            BenchReport.Print("forwarding.latency_posted_to_sent_p50", Measure.Percentile(fromPost, 0.50), "ms");
            BenchReport.Print("forwarding.latency_posted_to_sent_p99", Measure.Percentile(fromPost, 0.99), "ms");

            // 2. Throughput: 10 accounts x 2 pairs, every source posting a burst at once (warm-up bursts first).
            var pairs = new List<(IChannelPairGrain Pair, SimChatInfo Source, SimChatInfo Destination)>();
            for (var a = 0; a < 10; a++)
            {
                var (_, user) = await AccountAsync($"tp-account-{a}");
                for (var k = 0; k < 2; k++) pairs.Add(await PairAsync($"tp-pair-{a}-{k}", $"tp-account-{a}", user));
            }
            const int warmUpRoundPerPair = 100;
            var total = (long)perPair * pairs.Count;
            var throughputRounds = await WarmUpAsync(round => BurstAsync(world, stopwatch, pairs.Select(x => x.Source.Id).ToList(), warmUpRoundPerPair,
                $"warm-up burst {round}", stopwatch.Sends + (long)warmUpRoundPerPair * pairs.Count, pairs));
            var warmUpPerPair = throughputRounds * warmUpRoundPerPair;
            var baseline = stopwatch.Sends - (long)warmUpPerPair * pairs.Count;
            var throughputCpu = Measure.CpuTime();
            var throughputRuntime = RuntimeCounters.Now();
            var clock = Stopwatch.StartNew();
            await BurstAsync(world, stopwatch, pairs.Select(x => x.Source.Id).ToList(), perPair, "burst", baseline + (long)(warmUpPerPair + perPair) * pairs.Count, pairs);
            var elapsed = clock.Elapsed.TotalSeconds;
            var throughputCpuMs = (Measure.CpuTime() - throughputCpu).TotalMilliseconds;
            var throughputRuntimeUsed = RuntimeCounters.Now() - throughputRuntime;
            foreach (var (_, _, destination) in pairs) Check(world, destination.Id, warmUpPerPair, perPair, i => $"burst {i}");
            BenchReport.Note($"throughput: {pairs.Count} pairs on 10 accounts, {total} messages posted at once after warm-up bursts of {warmUpPerPair} per pair ({throughputRounds} rounds until the JIT settled), one silo, simulator limits off; {elapsed:0.00} s, process CPU {throughputCpuMs / total:0.###} ms per message = {throughputCpuMs / 1000 / elapsed:0.00} cores busy (silo, simulator and benchmark), {throughputRuntimeUsed.Describe(total)}; every destination complete and in order; load average now {Measure.LoadAverage()}");
            BenchReport.Print("forwarding.throughput_per_silo", total / elapsed, "messages/s");
            BenchReport.Print("forwarding.cpu_per_message", throughputCpuMs / total, "ms");
            BenchReport.Print("forwarding.allocated_per_message", throughputRuntimeUsed.AllocatedBytes / (double)total, "bytes");

            // 3. Memory per active account grain (with its client session) and per pair grain.
            const int extraAccounts = 20;
            var users = new List<long>();
            for (var i = 0; i < extraAccounts; i++) users.Add(world.CreateAccount($"+1888{i:D7}", $"mem{i}", $"mem_user_{i}").UserId);
            var before = Measure.Memory();
            for (var i = 0; i < extraAccounts; i++)
            {
                var grain = grains.GetGrain<IAccountGrain>($"mem-account-{i}");
                await grain.ConfigureAsync(new AccountConfiguration { ApiId = 1, ApiHash = "bench-hash", PhoneNumber = $"+1888{i:D7}" });
                await grain.StartAsync();
                await grain.SubmitCodeAsync(world.Options.Accounts.DefaultLoginCode);
            }
            var afterAccounts = Measure.Memory();
            BenchReport.Note($"memory: managed heap growth over {extraAccounts} logged-in accounts (grain, account client, and the in-process simulator's side of each connection)");
            BenchReport.Print("forwarding.bytes_per_active_account", (afterAccounts - before) / (double)extraAccounts, "bytes");
            const int extraPairs = 200;
            var chats = new List<(SimChatInfo Source, SimChatInfo Destination)>();
            for (var i = 0; i < extraPairs; i++)
            {
                var owner = world.CreateUser($"mem owner {i}");
                var source = world.CreateChannel($"mem src {i}", $"mem_src_{i}", owner.Id);
                var destination = world.CreateChannel($"mem dst {i}", $"mem_dst_{i}", owner.Id);
                world.MakeAdmin(destination.Id, users[i % extraAccounts]);
                chats.Add((source, destination));
            }
            var beforePairs = Measure.Memory();
            for (var i = 0; i < extraPairs; i++)
                await grains.GetGrain<IChannelPairGrain>($"mem-pair-{i}").ConfigureAsync(new PairConfiguration
                {
                    AccountId = $"mem-account-{i % extraAccounts}",
                    SourceChat = "@" + chats[i].Source.Username,
                    Destinations = ["@" + chats[i].Destination.Username],
                });
            var afterPairs = Measure.Memory();
            BenchReport.Note($"memory: managed heap growth over {extraPairs} configured, idle pairs");
            BenchReport.Print("forwarding.bytes_per_pair", (afterPairs - beforePairs) / (double)extraPairs, "bytes");
            return 0;
        }
    }

    /// <summary>Runs warm-up rounds until one of them leaves the JIT with little to compile (at most 6 rounds). Tiered
    /// compilation recompiles the hot paths for tens of seconds in a young process on a loaded machine; measured before
    /// that settles, half of the phase's CPU time went to the JIT, not to forwarding. Returns the rounds run.</summary>
    private static async Task<int> WarmUpAsync(Func<int, Task> round)
    {
        const int maxRounds = 6, settled = 50;
        for (var i = 1; ; i++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await round(i - 1);
            await Task.Delay(TimeSpan.FromSeconds(1)); // the tiering thread compiles what the round made hot
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled < settled || i == maxRounds) return i;
        }
    }

    /// <summary>Posts <paramref name="perSource"/> messages to every source, round robin, and waits until the sends
    /// counted by the stopwatch reach <paramref name="sendsAfter"/>; on a timeout prints where each pair stands.</summary>
    private static async Task BurstAsync(SimWorld world, ForwardingStopwatch stopwatch, IReadOnlyList<long> sources, int perSource, string text, long sendsAfter,
        IReadOnlyList<(IChannelPairGrain Pair, SimChatInfo Source, SimChatInfo Destination)> pairs)
    {
        var done = stopwatch.WhenSends(sendsAfter);
        for (var i = 0; i < perSource; i++)
            foreach (var source in sources) world.PostToChannel(source, $"{text} {i}");
        try
        {
            await done.WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            foreach (var (pair, _, destination) in pairs)
            {
                var st = await pair.GetStatusAsync();
                BenchReport.Note($"{st.PairId}: delivered {world.GetMessages(destination.Id).Count(x => !x.IsService)}, state {st.State}, pending {st.PendingOperations}, received {st.Statistics.Received}, forwarded {st.Statistics.Forwarded}, last seen {st.Checkpoint.LastSeenId}, error {st.LastError}");
            }
            throw new TimeoutException($"The forwarding benchmark waited too long: {stopwatch.Sends} of {sendsAfter} sends acknowledged.");
        }
    }

    /// <summary>The destination holds, after <paramref name="skip"/> earlier messages, exactly the <paramref name="count"/>
    /// expected texts in order, once each: the optimisations must not lose, repeat or reorder anything.</summary>
    private static void Check(SimWorld world, long destinationId, int skip, int count, Func<int, string> expected)
    {
        var texts = world.GetMessages(destinationId).Where(x => !x.IsService).Select(x => x.Text).Skip(skip).ToList();
        if (texts.Count != count)
            throw new InvalidOperationException($"Destination {destinationId} holds {texts.Count} messages after the first {skip}, expected {count}.");
        for (var i = 0; i < count; i++)
            if (texts[i] != expected(i))
                throw new InvalidOperationException($"Destination {destinationId}: message {skip + i} is '{texts[i]}', expected '{expected(i)}'.");
    }

    /// <summary>One silo with the product's configuration (default timings), the simulator's limits off; the grains get
    /// account clients that stamp arrivals and acknowledged sends for the figures (the last registration wins).</summary>
    private static Task<GrainCluster> StartClusterAsync(ForwardingStopwatch stopwatch) => GrainCluster.StartAsync(new GrainClusterOptions
    {
        Simulator = new TelegramSimulatorOptions { Limits = { Enabled = false } },
        ConfigureServices = (services, _) => services.AddSingleton<IAccountClientFactory>(sp =>
            new TimedAccountClientFactory(sp.GetRequiredService<SimulatorAccountClientFactory>(), stopwatch)),
    });
}

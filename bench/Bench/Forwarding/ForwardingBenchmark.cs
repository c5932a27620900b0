using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cluster.Grains;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Accounts;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Bench.Forwarding;

/// <summary>Figures of the forwarding grains on one in-process silo (SQLite) against the in-process simulator over HTTP,
/// simulator limits off and no injected latency: latency of one message at a time (the pair's own processing time, from
/// its receipt of the update to the completed send, and post-to-visible in the destination, polled every 1 ms), forwarded
/// messages per second with 10 accounts x 2 pairs in parallel, and managed memory per active account and per pair grain.
/// Run: <c>dotnet run -c Release --project bench/Bench -- forwarding [messages]</c>.</summary>
public static class ForwardingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 1 && int.TryParse(args[1], out var m) ? m : 200;
        var folder = Path.Combine(Path.GetTempPath(), "cluster-bench-forwarding", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var sim = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Limits = { Enabled = false } });
        var silo = await StartSiloAsync(folder, sim.BaseUrl);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var world = sim.World;
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

            int Count(long chatId) => world.GetMessages(chatId).Count(x => !x.IsService);

            // 1. Latency, one message at a time.
            var (latencyAccount, latencyUser) = await AccountAsync("lat-account");
            var (latencyPair, latencySource, latencyDestination) = await PairAsync("lat-pair", "lat-account", latencyUser);
            for (var i = 0; i < 20; i++) { world.PostToChannel(latencySource.Id, "warm-up"); await WaitForAsync(() => Count(latencyDestination.Id) == i + 1); }
            var baseline = Count(latencyDestination.Id);
            var visible = new List<double>(messages);
            for (var i = 0; i < messages; i++)
            {
                var started = Stopwatch.GetTimestamp();
                world.PostToChannel(latencySource.Id, $"latency {i}");
                await WaitForAsync(() => Count(latencyDestination.Id) == baseline + i + 1);
                visible.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var timing = await latencyPair.GetTimingAsync();
            visible.Sort();
            Note($"latency: {messages} messages one at a time; processing = the pair's histogram (receipt of the update to send completed, bucket upper bounds, {timing.Processing.Count} messages incl. warm-up); post_to_destination = posted in the source to visible in the destination, polled every 1 ms");
            Print("forwarding.latency_processing_p50", timing.Processing.P50Ms, "ms");
            Print("forwarding.latency_processing_p99", timing.Processing.P99Ms, "ms");
            Print("forwarding.latency_post_to_destination_p50", Percentile(visible, 0.50), "ms");
            Print("forwarding.latency_post_to_destination_p99", Percentile(visible, 0.99), "ms");

            // 2. Throughput: 10 accounts x 2 pairs, every source posting at once.
            var pairs = new List<(IChannelPairGrain Pair, SimChatInfo Source, SimChatInfo Destination)>();
            for (var a = 0; a < 10; a++)
            {
                var (_, user) = await AccountAsync($"tp-account-{a}");
                for (var p = 0; p < 2; p++) pairs.Add(await PairAsync($"tp-pair-{a}-{p}", $"tp-account-{a}", user));
            }
            // 50 per pair by default: the simulator's account update poll (100 per poll) currently skips what is beyond its
            // limit (it answers the latest seq, not the last returned); past that the pairs only get the rest by catch-up.
            var perPair = Math.Max(25, messages / 4);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < perPair; i++)
                foreach (var (_, source, _) in pairs) world.PostToChannel(source.Id, $"burst {i}");
            try
            {
                await WaitForAsync(() => pairs.All(x => Count(x.Destination.Id) >= perPair), TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException)
            {
                foreach (var (pair, _, destination) in pairs)
                {
                    var st = await pair.GetStatusAsync();
                    Note($"{st.PairId}: delivered {Count(destination.Id)}/{perPair}, state {st.State}, pending {st.PendingOperations}, received {st.Statistics.Received}, forwarded {st.Statistics.Forwarded}, last seen {st.Checkpoint.LastSeenId}, error {st.LastError}");
                }
                throw;
            }
            var elapsed = clock.Elapsed.TotalSeconds;
            var total = perPair * pairs.Count;
            Note($"throughput: {pairs.Count} pairs on 10 accounts, {total} messages posted at once, one silo, simulator limits off");
            Print("forwarding.throughput_per_silo", total / elapsed, "messages/s");

            // 3. Memory per active account grain (with its client session) and per pair grain.
            const int extraAccounts = 20;
            var users = new List<long>();
            for (var i = 0; i < extraAccounts; i++) users.Add(world.CreateAccount($"+1888{i:D7}", $"mem{i}", $"mem_user_{i}").UserId);
            var before = MeasureMemory();
            for (var i = 0; i < extraAccounts; i++)
            {
                var grain = grains.GetGrain<IAccountGrain>($"mem-account-{i}");
                await grain.ConfigureAsync(new AccountConfiguration { ApiId = 1, ApiHash = "bench-hash", PhoneNumber = $"+1888{i:D7}" });
                await grain.StartAsync();
                await grain.SubmitCodeAsync(world.Options.Accounts.DefaultLoginCode);
            }
            var afterAccounts = MeasureMemory();
            Note($"memory: managed heap growth over {extraAccounts} logged-in accounts (grain, account client, and the in-process simulator's side of each connection)");
            Print("forwarding.bytes_per_active_account", (afterAccounts - before) / (double)extraAccounts, "bytes");
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
            var beforePairs = MeasureMemory();
            for (var i = 0; i < extraPairs; i++)
                await grains.GetGrain<IChannelPairGrain>($"mem-pair-{i}").ConfigureAsync(new PairConfiguration
                {
                    AccountId = $"mem-account-{i % extraAccounts}",
                    SourceChat = "@" + chats[i].Source.Username,
                    Destinations = ["@" + chats[i].Destination.Username],
                });
            var afterPairs = MeasureMemory();
            Note($"memory: managed heap growth over {extraPairs} configured, idle pairs");
            Print("forwarding.bytes_per_pair", (afterPairs - beforePairs) / (double)extraPairs, "bytes");
            return 0;
        }
        finally
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartSiloAsync(string folder, Uri simulator)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = "bench-secret-0123456789abcdef",
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "cluster.db")}",
            ["Cluster:Accounts:SessionRoot"] = Path.Combine(folder, "sessions"),
            ["Telegram:Sessions:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        builder.Logging.ClearProviders();
        builder.UseClusterRuntime(cluster => cluster
            .AddGrains(typeof(AccountGrain).Assembly, typeof(AccountGrain).Namespace)
            .AddGrains(typeof(AccountGrain).Assembly, typeof(Cluster.Grains.Pairs.ChannelPairGrain).Namespace)
            .AddGrains(typeof(AccountGrain).Assembly, typeof(Cluster.Grains.Registry.FleetRegistryGrain).Namespace)
            .AddGrainJsonContext(GrainsJsonContext.Default)
            .AddGrainJsonContext(GrainStateJsonContext.Default));
        builder.Services.AddClusterServices(builder.Configuration);
        builder.Services.AddForwardingGrains(builder.Configuration);
        builder.Services.AddSimulatorAccountClients(o => o.BaseUrl = simulator);
        var app = builder.Build();
        await app.StartAsync();
        // A new silo publishes its load with its first heartbeat; resource-aware placement (accounts) needs it.
        var membership = app.Services.GetRequiredService<ISiloMembership>();
        for (var i = 0; i < 100 && !membership.View.Active.Any(s => s.Load.ResourcesUsed is not null); i++)
        {
            await Task.Delay(100);
            await membership.RefreshAsync(CancellationToken.None);
        }
        return app;
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException("The forwarding benchmark waited too long for messages to arrive.");
            await Task.Delay(1);
        }
    }

    private static void Print(string name, double value, string unit) => Console.WriteLine(FormattableString.Invariant($"{name}: {value:0.##} {unit}"));

    /// <summary>How a figure was measured, on stderr so stdout holds only "name: value unit" lines.</summary>
    private static void Note(string text) => Console.Error.WriteLine("# " + text);

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static long MeasureMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

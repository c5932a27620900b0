using System.Diagnostics;
using System.Globalization;
using Cluster.Bench.Reporting;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Telegram.Bots;
using Cluster.TelegramSim.Faults;
using Cluster.TestSupport.Orleans;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Bench.Broadcasts;

/// <summary>The "broadcast" benchmark: a bot's broadcast to N subscribers (default 1,000) on one silo of an in-process Orleans test
/// cluster against the in-process simulator with Telegram's limits on: at the free rate (30/s: the goal is N/30 s plus a little, 0
/// 429s) and at the paid broadcast rate (1,000/s, sends marked allow_paid_broadcast).</summary>
/// <remarks>Prints "name: value unit" lines. Timed from the create call to the broadcast's Completed phase (as its grain reports it).
/// Options: --users N.</remarks>
public static class BroadcastBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = 1000;
        var at = Array.IndexOf(args, "--users");
        if (at >= 0 && at + 1 < args.Length) users = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        var ok = await RunAsync("free", users, paidRate: null);
        ok &= await RunAsync("paid", users, paidRate: 1000);
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunAsync(string mode, int users, double? paidRate)
    {
        var options = new GrainClusterOptions();
        if (paidRate is { } rate) options.ConfigureServices = (services, _) => services.Configure<BotClientOptions>(o => o.Limits.PaidBroadcastMessagesPerSecond = rate);
        await using var cluster = await GrainCluster.StartAsync(options.WithFastTimings());
        var world = cluster.World;
        var bot = world.CreateBot($"bench_{mode}_bot");
        await cluster.Grains.GetGrain<IBotGrain>(bot.UserId.ToString(CultureInfo.InvariantCulture)).ConfigureAsync(new BotConfiguration(bot.Token));
        for (var i = 0; i < users; i++) world.StartBot(world.CreateUser($"Subscriber {i}").Id, bot.UserId);
        var recorded = 0;
        for (var wait = Stopwatch.StartNew(); recorded < users && wait.Elapsed < TimeSpan.FromSeconds(120); await Task.Delay(200))
            recorded = (await Task.WhenAll(Enumerable.Range(0, BroadcastKeys.SubscriberBuckets)
                .Select(b => cluster.Grains.GetGrain<IBotSubscribersGrain>(BroadcastKeys.Bucket(bot.UserId, b)).GetAsync()))).Sum(b => b.Active.Count);
        if (recorded < users)
        {
            BenchReport.Note($"{mode}: only {recorded} of {users} subscribers were recorded");
            return false;
        }

        var id = BroadcastKeys.NewBroadcastId(bot.UserId, DateTimeOffset.UtcNow);
        var broadcast = cluster.Grains.GetGrain<IBroadcastGrain>(id);
        var clock = Stopwatch.StartNew();
        await broadcast.CreateAsync(new BroadcastRequest(bot.UserId, new BroadcastMessage("Benchmark broadcast", [new BroadcastEntity("bold", 0, 9)])));
        BroadcastProgress progress;
        while (!(progress = await broadcast.GetProgressAsync()).Finished && clock.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(50);
        var seconds = clock.Elapsed.TotalSeconds;
        var tooMany = cluster.Simulator.Calls.Count(429, SimClientKind.Bot, bot.UserId);

        BenchReport.Note($"{mode}: {users} subscribers, bot rate {(paidRate is null ? "30/s (free)" : $"{paidRate}/s (paid broadcast)")}, one silo, simulator limits on; load {Measure.LoadAverage()}");
        BenchReport.Print($"broadcast.{mode}.users", users, "users");
        BenchReport.Print($"broadcast.{mode}.seconds", seconds, "s");
        BenchReport.Print($"broadcast.{mode}.messages_per_second", progress.Sent / seconds, "msg/s");
        BenchReport.Print($"broadcast.{mode}.sent", progress.Sent, "messages");
        BenchReport.Print($"broadcast.{mode}.failed", progress.Failed + progress.Unconfirmed, "messages");
        BenchReport.Print($"broadcast.{mode}.too_many_requests", tooMany, "answers");
        return progress.Phase == BroadcastPhase.Completed && progress.Sent == users;
    }
}

using System.Diagnostics;
using System.Globalization;
using Cluster.Telegram.Bots;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Hosting;
using Telegram.Bot;

namespace Cluster.Bench.Telegram;

/// <summary>The "telegram" benchmark: Bot API calls per second through Telegram.Bot against the in-process simulator (bare, and
/// inside our <see cref="LimitedBotClient"/> with limits off), and how much of the allowed bot-wide rate the send limiter achieves
/// (with the simulator enforcing it).</summary>
/// <remarks>Prints "name: value unit" lines. Options: --seconds S (throughput run, default 5), --concurrency C (default 32),
/// --rate R (bot-wide limit for the limiter run, default 300/s), --sends N (default 3000).</remarks>
public static class TelegramBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5.0);
        var concurrency = (int)Option(args, "--concurrency", 32.0);
        var rate = Option(args, "--rate", 300.0);
        var sends = (int)Option(args, "--sends", 3000.0);

        await ThroughputAsync(TimeSpan.FromSeconds(seconds), concurrency);
        await LimiterShareAsync(rate, sends);
        return 0;
    }

    /// <summary>sendMessage into a group and getMe, limits off on both sides, as many as the client and simulator manage.</summary>
    private static async Task ThroughputAsync(TimeSpan duration, int concurrency)
    {
        await using var sim = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Limits = { Enabled = false } });
        var owner = sim.World.CreateUser("Owner");
        var bot = sim.World.CreateBot("bench_bot");
        var group = sim.World.CreateSupergroup("Bench", null, owner.Id);
        sim.World.MakeAdmin(group.Id, bot.UserId);
        // The product's client: Telegram.Bot inside our limiter, limits off.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = BotClients.Create(http, new BotClientOptions { Token = bot.Token, BaseUrl = sim.BaseUrl.ToString(), Limits = { Enabled = false } });

        // Telegram.Bot's client alone on its own HttpClient, its 429 retries off (there are none with limits off).
        using var libraryHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var library = new TelegramBotClient(new TelegramBotClientOptions(bot.Token, sim.BaseUrl.ToString()) { RetryThreshold = 0 }, libraryHttp);

        // Warm-up: JIT, connections.
        await RunFor(TimeSpan.FromSeconds(1), concurrency, () => client.SendMessage(group.Id, "warm-up"));
        await RunFor(TimeSpan.FromSeconds(1), concurrency, () => library.SendMessage(group.Id, "warm-up"));

        // The two take turns, twice, the first going second in the second round, so a drift of the machine (other builds) and
        // the position in a round touch both alike.
        long ours = 0, theirs = 0;
        var half = duration / 2;
        for (var round = 0; round < 2; round++)
        {
            if (round == 1) theirs += await RunFor(half, concurrency, () => library.SendMessage(group.Id, "benchmark message"));
            ours += await RunFor(half, concurrency, () => client.SendMessage(group.Id, "benchmark message"));
            if (round == 0) theirs += await RunFor(half, concurrency, () => library.SendMessage(group.Id, "benchmark message"));
        }
        Print("telegram.botapi.send_message_calls_per_second", ours / duration.TotalSeconds, "calls/s", $"Telegram.Bot inside our LimitedBotClient (limits off), concurrency {concurrency}");
        Print("telegram.bot.send_message_calls_per_second", theirs / duration.TotalSeconds, "calls/s", $"Telegram.Bot 22.10.4 alone, concurrency {concurrency}");

        var sequential = await RunFor(TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds)), 1, () => client.GetMe());
        var sequentialSeconds = Math.Min(2, duration.TotalSeconds);
        Print("telegram.botapi.get_me_sequential_calls_per_second", sequential / sequentialSeconds, "calls/s", "one call at a time");
        Print("telegram.botapi.get_me_mean_latency", sequentialSeconds * 1000 / sequential, "ms", "one call at a time");
    }

    /// <summary>Sends through the limiter with the simulator enforcing the same bot-wide limit; reports the share of the allowed rate
    /// and the 429s the simulator answered.</summary>
    private static async Task LimiterShareAsync(double rate, int sends)
    {
        var limit = (int)rate;
        await using var sim = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Limits = { BotMessagesPerSecond = limit } });
        var bot = sim.World.CreateBot("broadcast_bot");
        // Twice as many chats as the rate, so the 1/s per-chat limit never binds and the bot-wide rate is what is measured.
        var chats = Enumerable.Range(0, Math.Max(1, Math.Min(sends, 2 * limit))).Select(i => sim.World.CreateUser($"Reader{i}").Id).ToList();
        foreach (var chat in chats)
            sim.World.StartBot(chat, bot.UserId);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = BotClients.Create(http, new BotClientOptions { Token = bot.Token, BaseUrl = sim.BaseUrl.ToString(), Limits = { MessagesPerSecond = rate } });

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, sends).Select(i => client.SendMessage(chats[i % chats.Count], $"broadcast {i}")));
        var elapsed = clock.Elapsed.TotalSeconds;

        // "At most N in any second" lets the first N go at once: M sends need at least (ceil(M / N) - 1) seconds.
        var fastestPossible = Math.Max(1, Math.Ceiling((double)sends / limit) - 1);
        var achieved = sends / elapsed;
        Print("telegram.limiter.sends", sends, "messages", $"to {chats.Count} private chats");
        Print("telegram.limiter.allowed_rate", rate, "messages/s", "bot-wide, also enforced by the simulator");
        Print("telegram.limiter.achieved_rate", achieved, "messages/s", $"{elapsed:0.00} s in all");
        Print("telegram.limiter.achieved_over_allowed", achieved / rate, "ratio", "sent/s divided by the limit; above 1 because the first second's burst is allowed");
        Print("telegram.limiter.share_of_fastest_possible", fastestPossible / elapsed, "ratio", $"fastest legal schedule {fastestPossible:0} s vs. achieved");
        Print("telegram.limiter.simulator_429s", sim.Calls.Count(429, SimClientKind.Bot, bot.UserId), "responses");
        Print("telegram.limiter.client_retries", client.Counters.Retries, "requests");
        Print("telegram.limiter.client_refusals", client.Counters.Refusals, "requests");
    }

    private static async Task<long> RunFor(TimeSpan duration, int concurrency, Func<Task> call)
    {
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await call().ConfigureAwait(false);
                Interlocked.Increment(ref count);
            }
        }));
        return count;
    }

    private static double Option(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }

    /// <summary>One "name: value unit" line; the note, if any, goes on a "#" line before it so the value lines stay parseable.</summary>
    private static void Print(string name, double value, string unit, string? note = null)
    {
        if (note is not null)
            Console.WriteLine($"# {note}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value:0.###} {unit}"));
    }
}

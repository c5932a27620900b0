using System.Globalization;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Broadcasts;

/// <summary>A <see cref="GrainCluster"/> (two silos of an Orleans in-process test cluster, the in-process simulator with Telegram's
/// limits on) for the broadcast tests. Each test makes its own bot and subscribers, so tests do not disturb each other.</summary>
public sealed class BroadcastCluster : IAsyncLifetime
{
    public GrainCluster Cluster { get; private set; } = null!;
    public TelegramSimulatorHost Sim => Cluster.Simulator;
    public SimWorld World => Sim.World;
    public IGrainFactory Grains => Cluster.Grains;

    public async Task InitializeAsync()
    {
        Cluster = await GrainCluster.StartAsync(new GrainClusterOptions { Silos = 2 }.WithFastTimings());
    }

    /// <summary>A new bot, configured and polling, and <paramref name="users"/> new users who started it; returns once the bot grain has
    /// recorded every one of them as a subscriber.</summary>
    public async Task<(SimBotInfo Bot, SimUser[] Users)> BotWithSubscribersAsync(string name, int users)
    {
        var bot = World.CreateBot(name + "_bot");
        await Grains.GetGrain<IBotGrain>(Key(bot.UserId)).ConfigureAsync(new BotConfiguration(bot.Token));
        var subscribers = Enumerable.Range(0, users).Select(i => World.CreateUser($"{name} {i}")).ToArray();
        foreach (var user in subscribers) World.StartBot(user.Id, bot.UserId);
        await Eventually(async () => (await SubscribersAsync(bot.UserId)).Active.Count == users, $"the {users} subscribers of {name} are recorded", 30);
        return (bot, subscribers);
    }

    /// <summary>Every bucket of the bot's subscribers, merged.</summary>
    public async Task<SubscriberList> SubscribersAsync(long botId)
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, BroadcastKeys.SubscriberBuckets)
            .Select(b => Grains.GetGrain<IBotSubscribersGrain>(BroadcastKeys.Bucket(botId, b)).GetAsync()));
        return new SubscriberList(buckets.SelectMany(b => b.Active).Order().ToList(), buckets.SelectMany(b => b.Blocked).Order().ToList());
    }

    public IBroadcastGrain Broadcast(string id) => Grains.GetGrain<IBroadcastGrain>(id);

    public static string NewId(long botId) => BroadcastKeys.NewBroadcastId(botId, DateTimeOffset.UtcNow) + Random.Shared.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts a broadcast of <paramref name="text"/> and returns its id.</summary>
    public async Task<string> StartAsync(long botId, string text, IReadOnlyList<BroadcastEntity>? entities = null, ProgressChat? progress = null)
    {
        var id = NewId(botId);
        await Broadcast(id).CreateAsync(new BroadcastRequest(botId, new BroadcastMessage(text, entities), progress));
        return id;
    }

    public async Task<BroadcastProgress> FinishedAsync(string id, int seconds = 60)
    {
        BroadcastProgress? last = null;
        await Eventually(async () => (last = await Broadcast(id).GetProgressAsync()).Finished, $"broadcast {id} finishes", seconds);
        return last!;
    }

    /// <summary>The messages the bot sent to the user with this text, as the simulator recorded them.</summary>
    public IReadOnlyList<SimMessage> Received(long userId, long botId, string text) =>
        World.GetPrivateMessages(userId, botId).Where(m => m.SenderUserId == botId && m.Text == text).ToList();

    /// <summary>The bot's 429 answers, as the simulator recorded them.</summary>
    public long TooManyRequests(long botId) => Sim.Calls.Count(429, SimClientKind.Bot, botId);

    /// <summary>Every recipient record of a broadcast.</summary>
    public async Task<List<RecipientRecord>> RecipientsAsync(string id)
    {
        var all = new List<RecipientRecord>();
        for (var chunk = 0; ; chunk++)
        {
            var page = await Broadcast(id).GetRecipientsAsync(chunk);
            if (page.Count == 0) return all;
            all.AddRange(page);
        }
    }

    public static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
        => Support.Eventually.WaitAsync(condition, holds => holds, what, TimeSpan.FromSeconds(seconds));

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

using Cluster.Telegram.Bots;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;

namespace Cluster.Telegram.Tests.Bots.Simulator;

/// <summary>A running simulator with a bot, its owner, a member, a supergroup and a channel the bot administers,
/// and the product's client for the bot (Telegram.Bot inside <see cref="LimitedBotClient"/>) over real HTTP.</summary>
/// <remarks>One per test; dispose to stop the simulator.</remarks>
internal sealed class SimWorldFixture : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private SimWorldFixture(TelegramSimulatorHost host) => Host = host;

    public TelegramSimulatorHost Host { get; }
    public SimWorld World => Host.World;
    public SimBotInfo Bot { get; private set; } = null!;
    public SimUser Owner { get; private set; } = null!;
    public SimUser Member { get; private set; } = null!;
    public SimChatInfo Group { get; private set; } = null!;
    public SimChatInfo Channel { get; private set; } = null!;

    public static async Task<SimWorldFixture> StartAsync(Action<TelegramSimulatorOptions>? configure = null)
    {
        var options = new TelegramSimulatorOptions();
        configure?.Invoke(options);
        var fixture = new SimWorldFixture(await TelegramSimulator.StartAsync(options));
        var w = fixture.World;
        fixture.Owner = w.CreateUser("Olga", "olga");
        fixture.Member = w.CreateUser("Mark", "mark");
        fixture.Bot = w.CreateBot("guard_bot", "Guard", privacyMode: false);
        fixture.Group = w.CreateSupergroup("Protected", "protected_group", fixture.Owner.Id);
        fixture.Channel = w.CreateChannel("News", "news_channel", fixture.Owner.Id);
        w.MakeAdmin(fixture.Group.Id, fixture.Bot.UserId);
        w.MakeAdmin(fixture.Channel.Id, fixture.Bot.UserId);
        w.AddMember(fixture.Group.Id, fixture.Member.Id);
        w.StartBot(fixture.Member.Id, fixture.Bot.UserId);
        return fixture;
    }

    public LimitedBotClient Client(Action<BotClientOptions>? configure = null)
    {
        var options = new BotClientOptions { Token = Bot.Token, BaseUrl = Host.BaseUrl.ToString() };
        configure?.Invoke(options);
        return BotClients.Create(_http, options);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
    }
}

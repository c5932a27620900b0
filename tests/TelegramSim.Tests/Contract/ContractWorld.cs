using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>A simulator on a loopback port with an owner, a member, a supergroup and a channel where the bot is an administrator,
/// and Telegram.Bot's own client for that bot over real HTTP, its requests recorded.</summary>
internal sealed class ContractWorld : IAsyncDisposable
{
    private readonly HttpClient _http;

    private ContractWorld(TelegramSimulatorHost sim, RecordingHandler recorder, HttpClient http, TelegramBotClient client,
        SimBotInfo bot, SimUser owner, SimUser member, SimChatInfo group, SimChatInfo channel)
    {
        Sim = sim;
        Recorder = recorder;
        _http = http;
        Client = client;
        Bot = bot;
        Owner = owner;
        Member = member;
        Group = group;
        Channel = channel;
    }

    public TelegramSimulatorHost Sim { get; }
    public SimWorld World => Sim.World;
    public RecordingHandler Recorder { get; }
    public TelegramBotClient Client { get; }
    public SimBotInfo Bot { get; }
    public SimUser Owner { get; }
    public SimUser Member { get; }
    public SimChatInfo Group { get; }
    public SimChatInfo Channel { get; }

    public static async Task<ContractWorld> StartAsync(Action<TelegramSimulatorOptions>? configure = null)
    {
        var sim = await TestWorlds.StartAsync(configure);
        var w = sim.World;
        var owner = w.CreateUser("Owner", "contract_owner");
        var member = w.CreateUser("Member");
        var group = w.CreateSupergroup("Contract", "contract_group", owner.Id);
        w.AddMember(group.Id, member.Id);
        var channel = w.CreateChannel("Contract news", "contract_news", owner.Id);
        var bot = w.CreateBot("contract_bot");
        w.MakeAdmin(group.Id, bot.UserId);
        w.MakeAdmin(channel.Id, bot.UserId);
        var recorder = new RecordingHandler();
        var http = new HttpClient(recorder);
        // Telegram.Bot retries short 429s itself unless told not to: these tests want to see each answer.
        var client = new TelegramBotClient(new TelegramBotClientOptions(bot.Token, sim.BaseUrl.ToString()) { RetryThreshold = 0 }, http);
        return new ContractWorld(sim, recorder, http, client, bot, owner, member, group, channel);
    }

    /// <summary>Sets the update kinds the bot receives (Telegram remembers them) and confirms what setting up the world queued.</summary>
    public async Task<int> DrainUpdatesAsync(params UpdateType[] allowed)
    {
        var pending = await Client.GetUpdates(timeout: 0, allowedUpdates: allowed);
        var next = pending.Length == 0 ? 0 : pending.Max(u => u.Id) + 1;
        await Client.GetUpdates(offset: next, timeout: 0);
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Sim.DisposeAsync();
    }
}

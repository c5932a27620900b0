using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;
using Orleans.TestingHost;

namespace Cluster.Grains.Tests.Support;

/// <summary>One test's world for the account and pair grains: a <see cref="GrainCluster"/> (an Orleans in-process test
/// cluster and the in-process simulator) with short timings (<see cref="GrainClusterOptions.FastTimings"/>), so the tests
/// run in seconds. The simulator's own rate limits are off: faults are injected where a test wants them.</summary>
internal sealed class ForwardingCluster : IAsyncDisposable
{
    private int _nextPhone = 1;

    private ForwardingCluster(GrainCluster cluster) => Cluster = cluster;

    public GrainCluster Cluster { get; }
    public TelegramSimulatorHost Simulator => Cluster.Simulator;
    public SimWorld World => Cluster.World;

    /// <summary>Extra settings for every silo started after this is set.</summary>
    public Dictionary<string, string?> Settings => Cluster.Settings;

    /// <summary>A cluster of <paramref name="silos"/> silos; <paramref name="telegramClock"/> is the simulated Telegram's
    /// clock (message dates), the real one unless given.</summary>
    public static async Task<ForwardingCluster> StartAsync(int silos = 1, TimeProvider? telegramClock = null)
    {
        var simulator = new TelegramSimulatorOptions { Limits = { Enabled = false }, TimeProvider = telegramClock ?? TimeProvider.System };
        var options = new GrainClusterOptions { Silos = silos, Simulator = simulator }.WithFastTimings();
        return new ForwardingCluster(await GrainCluster.StartAsync(options));
    }

    public IReadOnlyList<InProcessSiloHandle> Silos => Cluster.Silos;

    /// <summary>The cluster client's grain factory.</summary>
    public IGrainFactory Grains => Cluster.Grains;

    public Task<InProcessSiloHandle> StartSiloAsync(IReadOnlyDictionary<string, string?>? extra = null) => Cluster.StartSiloAsync(extra);

    /// <summary>Stops a silo gracefully (its grains are handed over).</summary>
    public Task StopSiloAsync(InProcessSiloHandle silo) => Cluster.StopSiloAsync(silo);

    /// <summary>A simulated Telegram account and its account grain, configured, started and logged in with the code
    /// (and the 2FA password when given).</summary>
    public async Task<TestAccount> AddLoggedInAccountAsync(string accountId, string? password = null, int? hourlyLimit = null, IGrainFactory? grains = null)
    {
        var phone = $"+1555{_nextPhone++:D7}";
        var sim = World.CreateAccount(phone, accountId, accountId.Replace('-', '_') + "_user", password: password);
        var grain = (grains ?? Grains).GetGrain<IAccountGrain>(accountId);
        await grain.ConfigureAsync(new AccountConfiguration { ApiId = 12345, ApiHash = "api-hash-of-" + accountId, PhoneNumber = phone, HourlySendLimit = hourlyLimit });
        var started = await grain.StartAsync();
        Assert.Equal(AccountState.WaitingForLogin, started.State);
        Assert.Equal(LoginStep.Code, started.LoginStep);
        var code = await grain.SubmitCodeAsync(World.Options.Accounts.DefaultLoginCode);
        Assert.True(code.Accepted, code.Message);
        if (password is not null)
        {
            Assert.Equal(LoginStep.Password, code.NextStep);
            var pass = await grain.SubmitPasswordAsync(password);
            Assert.True(pass.Accepted, pass.Message);
        }
        Assert.Equal(AccountState.Active, (await grain.GetStatusAsync()).State);
        return new TestAccount(accountId, sim.UserId, phone, grain);
    }

    /// <summary>A public source channel (posted to by its owner) and destination channels the account may post in.</summary>
    public (SimChatInfo Source, SimChatInfo[] Destinations) AddChannels(TestAccount account, string name, int destinations = 1)
    {
        var owner = World.CreateUser("Owner of " + name);
        var source = World.CreateChannel("Source " + name, "src_" + name, owner.Id);
        var targets = new SimChatInfo[destinations];
        for (var i = 0; i < destinations; i++)
        {
            targets[i] = World.CreateChannel($"Destination {name} {i}", $"dst_{name}_{i}", owner.Id);
            World.MakeAdmin(targets[i].Id, account.UserId);
        }
        return (source, targets);
    }

    public async Task<IChannelPairGrain> AddPairAsync(string pairId, PairConfiguration configuration)
    {
        var pair = Grains.GetGrain<IChannelPairGrain>(pairId);
        await pair.ConfigureAsync(configuration);
        return pair;
    }

    /// <summary>The messages a chat holds now (deleted ones left out unless asked), oldest first, service messages left out.</summary>
    public IReadOnlyList<SimMessage> Messages(long chatId, bool includeDeleted = false)
        => World.GetMessages(chatId, includeDeleted).Where(m => !m.IsService).OrderBy(m => m.Id).ToList();

    public IReadOnlyList<string?> Texts(long chatId) => Messages(chatId).Select(m => m.Text).ToList();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

internal sealed record TestAccount(string AccountId, long UserId, string Phone, IAccountGrain Grain);

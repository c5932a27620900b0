using System.Security.Cryptography;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Runtime;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;

namespace Cluster.Grains.Tests.Support;

/// <summary>One test's world: an in-process Telegram simulator, a fresh SQLite cluster database, and silos started on it
/// with short timings (housekeeping 0.5 s, pair retry 0.3 s doubling to 2 s, catch-up every 1 s, keeper 1 s), so the
/// tests run in seconds. The simulator's own rate limits are off: faults are injected where a test wants them.</summary>
internal sealed class ForwardingCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "grains-tests", Guid.NewGuid().ToString("N"));
    private readonly List<GrainTestSilo> _silos = [];
    private readonly string _encryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private int _nextPhone = 1;

    private ForwardingCluster(TelegramSimulatorHost simulator)
    {
        Simulator = simulator;
        Directory.CreateDirectory(_folder);
    }

    public TelegramSimulatorHost Simulator { get; }
    public SimWorld World => Simulator.World;
    public string DatabaseFile => Path.Combine(_folder, "cluster.db");

    /// <summary>Extra settings for every silo started after this is set.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Cluster:Accounts:HousekeepingInterval"] = "00:00:00.500",
        ["Cluster:Accounts:ReconnectDelay"] = "00:00:01",
        ["Cluster:Accounts:TelegramCallTimeout"] = "00:00:10",
        ["Cluster:Forwarding:RetryDelay"] = "00:00:00.300",
        ["Cluster:Forwarding:MaxRetryDelay"] = "00:00:02",
        ["Cluster:Forwarding:CatchUpInterval"] = "00:00:01",
        ["Cluster:Forwarding:RegistryPublishInterval"] = "00:00:00",
        ["Cluster:AlwaysOn:KeeperInterval"] = "00:00:01",
    };

    public static async Task<ForwardingCluster> StartAsync(int silos = 1)
    {
        var simulator = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Limits = { Enabled = false } });
        var cluster = new ForwardingCluster(simulator);
        for (var i = 0; i < silos; i++) await cluster.StartSiloAsync();
        return cluster;
    }

    public IReadOnlyList<GrainTestSilo> Silos => _silos;
    public IGrainFactory Grains => _silos.First(s => s is not null).GrainFactory;

    public async Task<GrainTestSilo> StartSiloAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Telegram:Sessions:EncryptionKey"] = _encryptionKey,
            ["Cluster:Accounts:SessionRoot"] = Path.Combine(_folder, "sessions"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var silo = await GrainTestSilo.StartAsync(DatabaseFile, Simulator.BaseUrl, settings);
        _silos.Add(silo);
        await WaitForPublishedLoadsAsync();
        return silo;
    }

    /// <summary>Waits until every silo sees every silo active with a load, so placement tests start from a known view.</summary>
    private async Task WaitForPublishedLoadsAsync()
    {
        foreach (var silo in _silos)
        {
            var membership = silo.Services.GetRequiredService<ISiloMembership>();
            await Eventually.WaitAsync(async () =>
            {
                await membership.RefreshAsync(CancellationToken.None);
                return membership.View.Active.ToList();
            }, active => active.Count == _silos.Count && active.All(s => s.Load.ResourcesUsed is not null && s.Load.ResourceCapacity is not null), "the silos' loads published");
        }
    }

    /// <summary>Stops a silo gracefully and forgets it (its grains are handed over).</summary>
    public async Task StopSiloAsync(GrainTestSilo silo)
    {
        await silo.StopAsync();
        await silo.DisposeAsync();
        _silos.Remove(silo);
    }

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

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.AsEnumerable().Reverse())
        {
            try { await silo.DisposeAsync(); }
            catch (Exception) { }
        }
        await Simulator.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}

internal sealed record TestAccount(string AccountId, long UserId, string Phone, IAccountGrain Grain);

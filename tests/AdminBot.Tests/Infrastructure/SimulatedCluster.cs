using System.Net;
using Cluster.AdminBot.Hosting;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Tests.Support;
using Cluster.Runtime;
using Cluster.Silo.Tests.Infrastructure;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>A cluster as an operator runs it, on the simulator: the simulator in the test process (its control API is how
/// users act), silo processes sharing one SQLite database, the admin bot as a process, and a cluster client in the test
/// for setting up workers and pairs and checking effects.</summary>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    public const string Secret = "admin-bot-tests-cluster-secret";
    public const string LoginCode = "24680";
    private readonly List<SiloProcess> _silos = [];
    private readonly string _folder;
    private ServiceProvider? _client;
    private int _nextPhone = 1;

    private SimulatedCluster(TelegramSimulatorHost simulator, string folder)
    {
        Simulator = simulator;
        _folder = folder;
        Admin = World.CreateUser("Alice Admin", "alice_admin");
        Bot = World.CreateBot("cluster_admin_bot", "Cluster admin");
    }

    public TelegramSimulatorHost Simulator { get; }
    public SimWorld World => Simulator.World;
    public SimUser Admin { get; }
    public SimBotInfo Bot { get; }
    public AdminBotProcess? BotProcess { get; private set; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<SimulatedCluster> StartAsync(int silos = 1, bool startBot = true)
    {
        var simulator = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Accounts = { DefaultLoginCode = LoginCode } });
        var cluster = new SimulatedCluster(simulator, Directory.CreateTempSubdirectory("adminbot-test-").FullName);
        try
        {
            for (var i = 0; i < silos; i++) await cluster.StartSiloAsync($"silo-{i + 1}");
            if (startBot) await cluster.StartBotAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings the silos and the admin bot share: the secret and the database.</summary>
    public Dictionary<string, string> ClusterSettings => new()
    {
        ["Cluster__Secret"] = Secret,
        ["Cluster__Storage__Provider"] = "Sqlite",
        ["Cluster__Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "cluster.db")}",
        ["Cluster__GatewayRefreshInterval"] = "00:00:00.500",
        ["Cluster__MaxAttempts"] = "20",
    };

    /// <summary>The admin bot's settings: the cluster's, its token at the simulator, and the admin's user id.</summary>
    public Dictionary<string, string> BotSettings
    {
        get
        {
            var settings = ClusterSettings;
            settings["Telegram__Bot__Token"] = Bot.Token;
            settings["Telegram__Bot__BaseUrl"] = Simulator.BaseUrl.AbsoluteUri;
            settings["Telegram__Bot__Polling__PollTimeout"] = "00:00:02";
            settings["AdminBot__Admins__0"] = Admin.Id.ToString();
            settings["AdminBot__PageSize"] = "5";
            return settings;
        }
    }

    public async Task<SiloProcess> StartSiloAsync(string siloId)
    {
        var settings = ClusterSettings;
        settings["Cluster__Membership__SiloId"] = siloId;
        settings["Telegram__Simulator__BaseUrl"] = Simulator.BaseUrl.AbsoluteUri;
        settings["Demo__Seed"] = "false";
        settings["Cluster__Rebalancing__Enabled"] = "false";
        settings["Logging__LogLevel__Default"] = "Warning";
        var silo = SiloProcess.Start(settings);
        _silos.Add(silo);
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        return silo;
    }

    public async Task<AdminBotProcess> StartBotAsync()
    {
        BotProcess = AdminBotProcess.StartBot(BotSettings);
        await BotProcess.WaitForLineAsync("polling", TimeSpan.FromSeconds(60));
        return BotProcess;
    }

    /// <summary>Kills the admin bot (as a crashed pod) and starts it again.</summary>
    public async Task RestartBotAsync()
    {
        if (BotProcess is not null) await BotProcess.DisposeAsync();
        await StartBotAsync();
    }

    /// <summary>Runs one admin command on the command line against this cluster.</summary>
    public Task<CliResult> CliAsync(params string[] args) => AdminBotProcess.RunCliAsync(ClusterSettings, args);

    public AdminChat AdminChat() => new(Simulator.BaseUrl, Admin.Id, Bot.UserId);

    /// <summary>A new Telegram user who is not an admin, talking to the bot.</summary>
    public AdminChat StrangerChat(string name) => new(Simulator.BaseUrl, World.CreateUser(name).Id, Bot.UserId);

    /// <summary>A cluster client in the test process (the admin bot's own wiring), for setting up and checking.</summary>
    public IGrainFactory Grains => Client.GetRequiredService<IGrainFactory>();

    public IClusterManagement Management => Client.GetRequiredService<IClusterManagement>();

    private ServiceProvider Client => _client ??= BuildClient();

    private ServiceProvider BuildClient()
    {
        var settings = ClusterSettings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAdminClusterClient(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>A Telegram account in the simulator that /add_worker can log in: its phone number and user id.</summary>
    public (string Phone, long UserId) CreateTelegramAccount(string name, string? password = null)
    {
        var phone = $"+1555{_nextPhone++:D7}";
        var account = World.CreateAccount(phone, name, name.Replace('-', '_') + "_user", password: password);
        return (phone, account.UserId);
    }

    /// <summary>A worker configured and logged in through the grain (not the bot), active.</summary>
    public async Task<(string AccountId, long UserId, string Phone)> AddActiveWorkerAsync(string accountId)
    {
        var (phone, userId) = CreateTelegramAccount(accountId);
        var grain = Grains.GetGrain<IAccountGrain>(accountId);
        await grain.ConfigureAsync(new AccountConfiguration { ApiId = 12345, ApiHash = "0123456789abcdef0123456789abcdef", PhoneNumber = phone, Label = accountId });
        await grain.StartAsync();
        var code = await grain.SubmitCodeAsync(LoginCode);
        Assert.True(code.Accepted, code.Message);
        await Eventually.WaitAsync(grain.GetStatusAsync, s => s.State == AccountState.Active, $"{accountId} active");
        await WaitForRegistryAsync(accountId);
        return (accountId, userId, phone);
    }

    /// <summary>A pair from a new public source channel to a new destination channel where the worker is an admin.</summary>
    public async Task<(SimChatInfo Source, SimChatInfo Destination)> AddPairAsync(string pairId, string accountId, long accountUserId)
    {
        var owner = World.CreateUser("Owner of " + pairId);
        var name = pairId.Replace('-', '_');
        var source = World.CreateChannel("Source " + pairId, "src_" + name, owner.Id);
        var destination = World.CreateChannel("Destination " + pairId, "dst_" + name, owner.Id);
        World.MakeAdmin(destination.Id, accountUserId);
        await Grains.GetGrain<IChannelPairGrain>(pairId).ConfigureAsync(new PairConfiguration
        {
            AccountId = accountId,
            SourceChat = "@" + source.Username,
            Destinations = ["@" + destination.Username],
        });
        return (source, destination);
    }

    /// <summary>Makes a worker able to post in a pair's destination (before moving the pair to it).</summary>
    public void AllowToPost(SimChatInfo destination, long accountUserId) => World.MakeAdmin(destination.Id, accountUserId);

    public async Task WaitForRegistryAsync(string accountId)
    {
        var registry = Grains.GetGrain<Cluster.Grains.Abstractions.Registry.IFleetRegistryGrain>(Cluster.Grains.Abstractions.Registry.IFleetRegistryGrain.Key);
        await Eventually.WaitAsync(registry.ListAccountsAsync, l => l.Any(a => a.AccountId == accountId), $"{accountId} in the fleet registry");
    }

    public IReadOnlyList<string> Texts(long chatId) => World.GetMessages(chatId).Where(m => !m.IsService).Select(m => m.Text ?? "").ToList();

    /// <summary>The silos' and the bot's output, for failure messages.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _silos.Select((s, i) => $"--- silo {i + 1} (exited: {s.HasExited}){Environment.NewLine}{Tail(s.Output)}"))
        + $"{Environment.NewLine}--- admin bot{Environment.NewLine}{Tail(BotProcess?.Output ?? "")}";

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    public async ValueTask DisposeAsync()
    {
        if (BotProcess is not null) await BotProcess.DisposeAsync();
        foreach (var silo in _silos.AsEnumerable().Reverse())
        {
            try { await silo.DisposeAsync(); } catch (Exception) { }
        }
        _client?.Dispose();
        await Simulator.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

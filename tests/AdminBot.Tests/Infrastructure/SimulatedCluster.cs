using System.Net;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Tests.Support;
using Cluster.Hosting.Hosting;
using Cluster.Silo.Tests.Infrastructure;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>A cluster as an operator runs it, on the simulator: the simulator in the test process (its control API is how
/// users act), silo processes (one, on a SQLite database, found by its gateway port; or several, on a PostgreSQL database
/// whose membership table lists them), the admin bot as a process, and an Orleans client in the test for setting up
/// workers and pairs and checking effects.</summary>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    public const string LoginCode = "24680";
    private readonly List<SiloProcess> _silos = [];
    private readonly List<int> _gatewayPorts = [];
    private readonly string _folder;
    private readonly string _clusterId = "adminbot-test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string? _postgres;
    private IHost? _client;
    private int _nextPhone = 1;

    private SimulatedCluster(TelegramSimulatorHost simulator, string folder, string? postgres)
    {
        Simulator = simulator;
        _folder = folder;
        _postgres = postgres;
        Admin = World.CreateUser("Alice Admin", "alice_admin");
        Bot = World.CreateBot("cluster_admin_bot", "Cluster admin");
    }

    public TelegramSimulatorHost Simulator { get; }
    public SimWorld World => Simulator.World;
    public SimUser Admin { get; }
    public SimBotInfo Bot { get; }
    public AdminBotProcess? BotProcess { get; private set; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts the simulator, <paramref name="silos"/> silos and (unless told not to) the admin bot. Several silos
    /// need <paramref name="postgres"/>: with SQLite each silo would be a cluster of its own.</summary>
    public static async Task<SimulatedCluster> StartAsync(int silos = 1, bool startBot = true, bool postgres = false)
    {
        if (silos > 1 && !postgres) throw new ArgumentException("Several silos form one cluster only on PostgreSQL: pass postgres: true.", nameof(silos));
        var database = postgres ? await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("adminbot") : null;
        var simulator = await TelegramSimulator.StartAsync(new TelegramSimulatorOptions { Accounts = { DefaultLoginCode = LoginCode } });
        var cluster = new SimulatedCluster(simulator, Directory.CreateTempSubdirectory("adminbot-test-").FullName, database);
        try
        {
            for (var i = 0; i < silos; i++) await cluster.StartSiloAsync($"silo-{i + 1}");
            await cluster.StartClientAsync();
            if (startBot) await cluster.StartBotAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings the silos and the admin bot share: the cluster's identity (its own, so that no other test
    /// cluster on the machine joins it) and the database.</summary>
    private Dictionary<string, string> SharedSettings => new()
    {
        ["Cluster__ClusterId"] = _clusterId,
        ["Cluster__ServiceId"] = _clusterId,
        ["Cluster__Storage__Provider"] = _postgres is null ? "Sqlite" : "Postgres",
        ["Cluster__Storage__ConnectionString"] = _postgres ?? $"Data Source={Path.Combine(_folder, "cluster.db")}",
        // Several silos on one machine without a cluster certificate: TLS is tested in ClusterHosting.Tests.
        ["Cluster__Tls__Mode"] = "Disabled",
    };

    /// <summary>What a client (the admin bot on the command line, the test's own client) needs to find the cluster: with
    /// SQLite the one silo's gateway port; with PostgreSQL nothing more (the membership table lists the gateways).</summary>
    public Dictionary<string, string> ClusterSettings
    {
        get
        {
            var settings = SharedSettings;
            if (_postgres is null && _gatewayPorts.Count > 0) settings["Cluster__GatewayPort"] = _gatewayPorts[0].ToString();
            return settings;
        }
    }

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

    /// <summary>Starts a silo named <paramref name="siloName"/> (Orleans' <c>Orleans:Name</c>, shown by /silos and
    /// /workers) with a free gateway port (its silo and HTTP ports are chosen by <see cref="SiloProcess"/>).</summary>
    public async Task<SiloProcess> StartSiloAsync(string siloName)
    {
        var settings = SharedSettings;
        var gatewayPort = SiloProcess.FreePort();
        settings["Orleans__Name"] = siloName;
        settings["Cluster__GatewayPort"] = gatewayPort.ToString();
        settings["Telegram__Simulator__BaseUrl"] = Simulator.BaseUrl.AbsoluteUri;
        settings["Demo__Seed"] = "false";
        settings["Logging__LogLevel__Default"] = "Warning";
        var silo = SiloProcess.Start(settings);
        _silos.Add(silo);
        _gatewayPorts.Add(gatewayPort);
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

    /// <summary>An Orleans client in the test process, configured like the admin bot's, for setting up and checking.</summary>
    public IGrainFactory Grains => (_client ?? throw new InvalidOperationException("The cluster client did not start.")).Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silos and where accounts run, as the admin bot sees them.</summary>
    public ClusterView View => new(Grains);

    private async Task StartClientAsync()
    {
        var settings = ClusterSettings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client.UseClusterClient(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        _client = host;
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
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _client.Dispose();
        }
        await Simulator.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

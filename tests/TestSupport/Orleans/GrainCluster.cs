using System.Globalization;
using System.Security.Cryptography;
using Cluster.Grains;
using Cluster.Grains.Admin;
using Cluster.Grains.Campaigns;
using Cluster.Grains.Guard;
using Cluster.Hosting.Hosting;
using Cluster.Hosting.Keeping;
using Cluster.Hosting.Leases;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.Telegram.Bots.Hosting;
using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Cluster.TelegramSim.World;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Cluster.TestSupport.Orleans;

/// <summary>The product's grains on an Orleans <see cref="InProcessTestCluster"/>, against an in-process Telegram simulator:
/// silos configured as the product configures them (<see cref="ClusterSiloBuilderExtensions.UseClusterSilo"/>, then the
/// forwarding, guard and admin grains' services, the simulator's account clients and the Bot API client pointed at the
/// simulator), a cluster client, and silos that can be added, stopped gracefully, killed and replaced while the test runs.
/// Tests and benchmarks share it.</summary>
/// <remarks>
/// <para>Storage: the silos of one cluster share one grain state store (<see cref="SharedGrainStateStore"/>), one always-on
/// registry and one set of session leases, kept in this process in place of the cluster database, so state outlives a
/// stopped or killed silo and a restart of the whole cluster, as with the database, and tests can read it. (The schema of
/// the configured SQLite file, <see cref="DatabaseFile"/>, is still applied at start.)</para>
/// <para>Messages between the silos and the client go over Orleans' in-memory transport; membership is the test cluster's
/// in-process table, with the product's failure detection timings (a killed silo is declared dead within seconds).</para>
/// <para><c>GRAINS_TEST_LOG=1</c> prints the silos' warnings and errors, <c>GRAINS_TEST_LOG=info</c> also information.</para>
/// </remarks>
public sealed class GrainCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "grain-cluster", Guid.NewGuid().ToString("N"));
    private readonly string _encryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly SemaphoreSlim _siloChanges = new(1, 1);
    private readonly InMemoryAlwaysOnStore _alwaysOn = new();
    private readonly InMemorySessionLeaseStore _leases = new();
    private readonly Action<IServiceCollection, IConfiguration>? _configureServices;
    private IReadOnlyDictionary<string, string?>? _nextSiloSettings;
    private bool _disposed;

    private GrainCluster(TelegramSimulatorHost simulator, GrainClusterOptions options)
    {
        Simulator = simulator;
        _configureServices = options.ConfigureServices;
        foreach (var (key, value) in options.Settings) Settings[key] = value;
        Directory.CreateDirectory(_folder);

        var builder = new InProcessTestClusterBuilder(0);
        builder.Options.InitializeClientOnDeploy = false;
        builder.Options.ConfigureFileLogging = false;
        // UseClusterSilo adds the distributed grain directory; this keeps the test cluster from adding its own directory.
#pragma warning disable ORLEANSEXP003
        builder.Options.UseDistributedGrainDirectory = true;
#pragma warning restore ORLEANSEXP003
        builder.ConfigureSiloHost(ConfigureSilo);
        builder.ConfigureClientHost(host => ConfigureLogging(host.Logging));
        // A client that lost every gateway (its only silo stopped) finds the next silo within a second.
        builder.ConfigureClient(client => client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1)));
        TestCluster = builder.Build();
    }

    /// <summary>Starts the simulator and <see cref="GrainClusterOptions.Silos"/> silos, and connects the client.</summary>
    public static async Task<GrainCluster> StartAsync(GrainClusterOptions? options = null)
    {
        options ??= new GrainClusterOptions();
        var simulator = await TelegramSimulator.StartAsync(options.Simulator);
        var cluster = new GrainCluster(simulator, options);
        try
        {
            await cluster.TestCluster.DeployAsync();
            for (var i = 0; i < options.Silos; i++) await cluster.StartSiloAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Orleans' test cluster underneath (its silo handles, <c>WaitForLivenessToStabilizeAsync</c>, ...).</summary>
    public InProcessTestCluster TestCluster { get; }

    public TelegramSimulatorHost Simulator { get; }

    public SimWorld World => Simulator.World;

    /// <summary>Configuration of every silo started from now on (a null value removes a key).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The cluster's SQLite database file, configured as <c>Cluster:Storage</c> on every silo (see the remarks).</summary>
    public string DatabaseFile => Path.Combine(_folder, "cluster.db");

    /// <summary>The grain states of the cluster while its silos run on the in-process stores (see the remarks); empty once
    /// they use the database.</summary>
    public SharedGrainStateStore States { get; } = new();

    /// <summary>The cluster client, connected once the first silo has started. Stays usable while silos come and go: a silo
    /// is started once the client reaches it, also after the last silo stopped.</summary>
    public IClusterClient Client => TestCluster.Client;

    /// <summary>The client's grain factory.</summary>
    public IGrainFactory Grains => Client;

    /// <summary>The running silos, oldest first.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => TestCluster.Silos;

    /// <summary>Starts a silo with <see cref="Settings"/> and <paramref name="extra"/> settings on top, waits until every
    /// silo and the client see it, and connects the client if it is the first.</summary>
    public async Task<InProcessSiloHandle> StartSiloAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        await _siloChanges.WaitAsync();
        try
        {
            InProcessSiloHandle silo;
            _nextSiloSettings = extra;
            try { silo = await TestCluster.StartAdditionalSiloAsync(); }
            finally { _nextSiloSettings = null; }
            if (!HasClient) await TestCluster.InitializeClientAsync();
            if (Silos.Count > 1) await TestCluster.WaitForLivenessToStabilizeAsync();
            await WaitForClientAsync(silo.SiloAddress);
            return silo;
        }
        finally
        {
            _siloChanges.Release();
        }
    }

    /// <summary>Stops a silo gracefully: its grains deactivate (and save) and its keeper hands its range over.</summary>
    public async Task StopSiloAsync(InProcessSiloHandle silo)
    {
        await _siloChanges.WaitAsync();
        try
        {
            await TestCluster.StopSiloAsync(silo);
            if (Silos.Count > 0) await TestCluster.WaitForLivenessToStabilizeAsync();
        }
        finally
        {
            _siloChanges.Release();
        }
    }

    /// <summary>Stops a silo abruptly, as a crash: from this moment it writes no grain state and renews no session lease
    /// (on the in-process stores its requests are refused; Orleans' kill still runs deactivations), there is no graceful hand-over, and the others declare
    /// it dead by probing it.</summary>
    public async Task KillSiloAsync(InProcessSiloHandle silo)
    {
        await _siloChanges.WaitAsync();
        try
        {
            if (silo.ServiceProvider.GetKeyedService<IGrainStorage>(ClusterSiloBuilderExtensions.StorageName) is SharedGrainStorage storage) storage.Fence();
            if (silo.ServiceProvider.GetService<ISessionLeaseStore>() is SiloSessionLeaseStore leases) leases.Fence();
            await TestCluster.KillSiloAsync(silo);
            if (Silos.Count > 0) await TestCluster.WaitForLivenessToStabilizeAsync(didKill: true);
        }
        finally
        {
            _siloChanges.Release();
        }
    }

    /// <summary>Stops a silo gracefully and starts a new one in its place (on the same storage), e.g. a restart of the only silo.</summary>
    public async Task<InProcessSiloHandle> RestartSiloAsync(InProcessSiloHandle silo, IReadOnlyDictionary<string, string?>? extra = null)
    {
        await StopSiloAsync(silo);
        return await StartSiloAsync(extra);
    }

    /// <summary>The running silo at <paramref name="address"/>, or null.</summary>
    public InProcessSiloHandle? Silo(SiloAddress? address) => address is null ? null : Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));

    /// <summary>The silo the cluster's directory says hosts <paramref name="grain"/>, or null when it is not active anywhere.</summary>
    public async Task<SiloAddress?> LocateAsync(GrainId grain)
        => await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(Client.GetGrain(grain));

    /// <summary>The silos the cluster's membership holds active.</summary>
    public async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync()
        => (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.ToList();

    /// <summary>A grain's stored state <paramref name="stateName"/> (the name in its <c>[PersistentState]</c>) read back as the
    /// silos read it, or default when nothing is stored (in-process stores only).</summary>
    public T? ReadState<T>(string stateName, GrainId grain)
    {
        var stored = States.ReadBytes(stateName, grain);
        if (stored is null) return default;
        var silo = Silos.FirstOrDefault() ?? throw new InvalidOperationException("No silo runs: the storage serializer is a silo's.");
        var storage = (SharedGrainStorage)silo.ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ClusterSiloBuilderExtensions.StorageName);
        return storage.Serializer.Deserialize<T>(new BinaryData(stored));
    }

    /// <summary>Every grain in the always-on registry (read through a running silo's store, both halves of the ring).</summary>
    public async Task<IReadOnlyList<GrainId>> AlwaysOnAsync()
    {
        var silo = Silos.FirstOrDefault() ?? throw new InvalidOperationException("No silo runs: the always-on store is a silo's.");
        var store = silo.ServiceProvider.GetRequiredService<IAlwaysOnStore>();
        var half = uint.MaxValue / 2;
        var entries = (await store.ReadRangeAsync(0, half, CancellationToken.None)).Concat(await store.ReadRangeAsync(half, 0, CancellationToken.None));
        return entries.Select(e => GrainId.Parse(e.GrainId)).Distinct().ToList();
    }

    /// <summary>Until a call through the client reaches the cluster and the cluster holds <paramref name="silo"/> active. After
    /// the last silo stopped, the client's first calls still go to its old gateway and fail until it reads the gateway list
    /// again (every second).</summary>
    private async Task WaitForClientAsync(SiloAddress silo)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                if ((await ActiveSilosAsync()).Contains(silo)) return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The cluster client did not see silo {silo} within 30 s.");
            await Task.Delay(100);
        }
    }

    private bool HasClient
    {
        get
        {
            try { return TestCluster.Client is not null; }
            catch (InvalidOperationException) { return false; }
        }
    }

    private void ConfigureSilo(InProcessTestSiloSpecificOptions silo, IHostApplicationBuilder host)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = TestCluster.Options.ClusterId,
            ["Cluster:ServiceId"] = TestCluster.Options.ServiceId,
            ["Cluster:SiloPort"] = silo.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = silo.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Telegram:Sessions:EncryptionKey"] = _encryptionKey,
            ["Cluster:Accounts:SessionRoot"] = Path.Combine(_folder, "sessions"),
        };
        foreach (var (key, value) in Settings.Concat(_nextSiloSettings ?? new Dictionary<string, string?>()))
        {
            if (value is null) settings.Remove(key);
            else settings[key] = value;
        }
        host.Configuration.AddInMemoryCollection(settings);
        ConfigureLogging(host.Logging);
        var configuration = host.Configuration;

        host.UseOrleans(orleans => orleans.UseClusterSilo(configuration));
        var services = host.Services;
        services.AddForwardingGrains(configuration);
        services.AddGuardGrains(configuration);
        services.AddAdminGrains(configuration);
        services.AddCampaignGrains(configuration);
        var simulator = Simulator.BaseUrl;
        services.AddSimulatorAccountClients(o =>
        {
            o.BaseUrl = simulator;
            o.PollTimeout = TimeSpan.FromSeconds(5);
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
        });
        services.AddBotClient(o => o.BaseUrl = simulator.ToString().TrimEnd('/'));
        ShareInMemoryStores(services);
        _configureServices?.Invoke(services, configuration);
    }

    /// <summary>Every silo of the cluster gets the cluster's shared in-process stores in place of the database ones: state,
    /// registry and leases outlive a stopped or killed silo, and tests can read and fence stored state. The database
    /// providers themselves are tested with real silos in ClusterHosting.Tests and the end-to-end tests.</summary>
    private void ShareInMemoryStores(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IAlwaysOnStore>(_alwaysOn));
        services.Replace(ServiceDescriptor.Singleton<ISessionLeaseStore>(new SiloSessionLeaseStore(_leases)));
        var states = States;
        services.AddKeyedSingleton<IGrainStorage>(ClusterSiloBuilderExtensions.StorageName, (sp, _) => SharedGrainStorage.Create(sp, states));
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        var log = Environment.GetEnvironmentVariable("GRAINS_TEST_LOG");
        if (log is "1" or "info") logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        if (log == "info") logging.SetMinimumLevel(LogLevel.Information).AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try { await TestCluster.StopAllSilosAsync(); }
        catch (Exception) { }
        try { await TestCluster.DisposeAsync(); }
        catch (Exception) { }
        await Simulator.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Shortcuts on Orleans' silo handles.</summary>
public static class InProcessSiloHandleExtensions
{
    /// <summary>The silo's own grain factory: calls go out from that silo (it needs no client or gateway).</summary>
    public static IGrainFactory Grains(this InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();
}

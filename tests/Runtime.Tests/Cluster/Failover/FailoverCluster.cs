using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cluster.Runtime.Tests.Cluster.Failover;

/// <summary>A throwaway database, a folder for activation records, and silo processes started on them with short
/// test timings; also what the test itself reads: the cluster tables and a cluster client.</summary>
internal sealed class FailoverCluster : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(250);
    // Generous against a busy test machine (JIT at start, SQLite write locks): a stall longer than the lease fences a silo.
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DeathTimeout = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan KeeperInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<SiloProcess> _silos = [];
    private readonly List<TcpProxy> _proxies = [];
    private ServiceProvider? _client;

    private FailoverCluster(TestDatabase database, string recordDirectory)
    {
        Database = database;
        RecordDirectory = recordDirectory;
    }

    public TestDatabase Database { get; }
    public IClusterStorage Storage => Database.Storage;
    public string RecordDirectory { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<FailoverCluster> CreateAsync(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var records = Path.Combine(Path.GetTempPath(), "cluster-failover", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(records);
        return new FailoverCluster(database, records);
    }

    /// <summary>Starts a silo; <paramref name="throughProxy"/> puts a TCP proxy between it and PostgreSQL.</summary>
    public async Task<(SiloProcess Silo, TcpProxy? Proxy)> StartSiloAsync(string name, IReadOnlyDictionary<string, string>? extra = null, bool throughProxy = false)
    {
        var connectionString = Database.Options.ConnectionString!;
        TcpProxy? proxy = null;
        if (throughProxy)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            proxy = new TcpProxy(builder.Host!, builder.Port);
            _proxies.Add(proxy);
            builder.Port = proxy.Port;
            // A partitioned silo must not sit in a 30 s connect or command wait: its lease decides, not Npgsql.
            builder.Timeout = 5;
            builder.CommandTimeout = 2;
            builder.CancellationTimeout = 500;
            connectionString = builder.ConnectionString;
        }
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Storage:Provider"] = Database.Provider == TestDatabases.Postgres ? "Postgres" : "Sqlite",
            ["Cluster:Storage:ConnectionString"] = connectionString,
            ["Cluster:Membership:HeartbeatInterval"] = HeartbeatInterval.ToString(),
            ["Cluster:Membership:Lease"] = Lease.ToString(),
            ["Cluster:Membership:DeathTimeout"] = DeathTimeout.ToString(),
            ["Cluster:DeathTimeout"] = DeathTimeout.ToString(),
            ["Cluster:AlwaysOn:KeeperInterval"] = KeeperInterval.ToString(),
            ["Cluster:Rebalancing:Enabled"] = "false",
            ["Cluster:Reminders:RefreshInterval"] = "00:00:01",
            ["TestSilo:RecordDirectory"] = RecordDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Cluster.Runtime.Membership"] = "Information",
            ["Logging:LogLevel:Cluster.Runtime.Rebalancing"] = "Information",
            ["Logging:LogLevel:Cluster.Runtime.Placement"] = "Information",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var silo = await SiloProcess.StartAsync(name, settings);
        _silos.Add(silo);
        return (silo, proxy);
    }

    /// <summary>The services of the test process's cluster client (after <see cref="Client"/>): management, storage.</summary>
    public IServiceProvider ClientServices => _client ?? throw new InvalidOperationException("Call Client() first.");

    /// <summary>A cluster client in the test process, finding gateways in the membership table.</summary>
    public IGrainFactory Client()
    {
        if (_client is null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cluster:Secret"] = SiloProcess.Secret,
                ["Cluster:GatewayRefreshInterval"] = "00:00:00.500",
                ["Cluster:GatewayLivenessTimeout"] = DeathTimeout.ToString(),
                ["Cluster:MaxAttempts"] = "20",
                ["Cluster:CallTimeout"] = "00:01:00",
            }).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddSingleton(Database.CreateStorage());
            services.AddClusterClient(configuration);
            services.AddClusterManagement(configuration);
            _client = services.BuildServiceProvider();
        }
        return _client.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The always-on grains (of <paramref name="grainIds"/>) owned in the directory by a live silo, per silo.</summary>
    public async Task<Dictionary<string, string>> LiveOwnersAsync(IReadOnlyCollection<string> grainIds)
    {
        var snapshot = await Storage.Membership.ReadAllAsync(CancellationToken.None);
        var live = snapshot.Silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown && snapshot.DatabaseNow - s.LastHeartbeat <= DeathTimeout)
            .Select(s => s.SiloId).ToHashSet();
        var wanted = grainIds.ToHashSet();
        var owned = await Storage.Directory.ListOwnedAsync(null, CancellationToken.None);
        return owned.Where(e => wanted.Contains(e.GrainId) && live.Contains(e.SiloId!)).ToDictionary(e => e.GrainId, e => e.SiloId!);
    }

    public async Task<IReadOnlyList<string>> RegisterAlwaysOnAsync(int count, string prefix = "g")
    {
        var ids = Enumerable.Range(0, count).Select(i => $"alwayson/{prefix}{i}").ToList();
        foreach (var id in ids) await Storage.AlwaysOn.AddAsync(id, "alwayson", CancellationToken.None);
        return ids;
    }

    /// <summary>Published loads of Active silos, read as management does.</summary>
    public async Task<Dictionary<string, PublishedLoad>> LoadsAsync()
    {
        var snapshot = await Storage.Membership.ReadAllAsync(CancellationToken.None);
        return snapshot.Silos.Where(s => s.Status == SiloStatus.Active && snapshot.DatabaseNow - s.LastHeartbeat <= DeathTimeout)
            .ToDictionary(s => s.SiloId, s => SiloMembershipService.ParseLoad(s.LoadJson));
    }

    /// <summary>Each silo's important output (warnings and worse, membership events), for failure messages.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _silos.Select(s => $"--- {s.SiloId} (exited: {s.HasExited}){Environment.NewLine}{Important(s.Output)}"))
        + Environment.NewLine + "--- membership" + Environment.NewLine
        + string.Join(Environment.NewLine, Storage.Membership.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult().Silos.Select(s => $"{s.SiloId} {s.Status} {s.LastHeartbeat:HH:mm:ss.fff} {s.LoadJson}"));

    private static string Important(string output)
    {
        var lines = output.Split(Environment.NewLine).Where(l => !l.StartsWith("   at ", StringComparison.Ordinal)).Select(l => l.Length > 300 ? l[..300] : l);
        var text = string.Join(Environment.NewLine, lines);
        return text.Length > 6000 ? text[..2000] + Environment.NewLine + "..." + Environment.NewLine + text[^4000..] : text;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout} waiting until {what()}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        foreach (var proxy in _proxies) await proxy.DisposeAsync();
        if (_client is not null) await _client.DisposeAsync();
        await Database.DisposeAsync();
        try { Directory.Delete(RecordDirectory, recursive: true); } catch (IOException) { }
    }
}

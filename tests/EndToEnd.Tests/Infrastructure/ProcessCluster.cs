using System.Net;
using System.Security.Cryptography;
using Cluster.Grains.Abstractions;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A cluster as <c>tools/run-cluster.sh</c> runs it: one standalone simulator process and N silo processes
/// sharing one SQLite database file and one cluster secret, plus a cluster client in the test process that finds its
/// gateways in the membership table. Silos live in numbered slots: a slot's silo can be killed (SIGKILL) and a new
/// one started in its place (a new silo id, as a restarted pod gets).</summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloProcess?> _slots = [];
    private readonly List<(int Slot, SiloProcess Silo)> _all = [];
    private readonly int[] _incarnations;
    private ServiceProvider? _client;

    private ProcessCluster(SimulatorProcess simulator, string folder, int slots, IReadOnlyDictionary<string, string> siloSettings)
    {
        SimulatorProcess = simulator;
        Simulator = new SimulatorControl(simulator.BaseUrl);
        Folder = folder;
        SiloSettings = siloSettings;
        _incarnations = new int[slots];
        for (var i = 0; i < slots; i++) _slots.Add(null);
    }

    /// <summary>The cluster secret of this run, shared by the silos and the client.</summary>
    public string Secret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public SimulatorProcess SimulatorProcess { get; }
    public SimulatorControl Simulator { get; }

    /// <summary>The run's folder: the database, and one working folder per silo incarnation.</summary>
    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "cluster.db");
    public string ConnectionString => $"Data Source={DatabaseFile}";

    /// <summary>Settings every silo gets on top of the cluster's own (environment-variable form, <c>Cluster__X</c>).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; }

    public int SlotCount => _slots.Count;

    /// <summary>The silo now running in a slot, or null after a kill until the restart.</summary>
    public SiloProcess? Silo(int slot) => _slots[slot];

    /// <summary>Starts the simulator with <paramref name="simulatorArguments"/> and <paramref name="silos"/> silos, and
    /// waits until every silo is ready.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? siloSettings = null,
        IEnumerable<string>? simulatorArguments = null)
    {
        var folder = Directory.CreateTempSubdirectory("e2e-cluster-").FullName;
        var simulator = await SimulatorProcess.StartAsync(simulatorArguments);
        var cluster = new ProcessCluster(simulator, folder, silos, siloSettings ?? new Dictionary<string, string>());
        try
        {
            // The first silo creates the database schema alone; the others then start side by side.
            cluster.StartSilo(0);
            await cluster.WaitReadyAsync(0);
            for (var i = 1; i < silos; i++) cluster.StartSilo(i);
            for (var i = 1; i < silos; i++) await cluster.WaitReadyAsync(i);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts a new silo in <paramref name="slot"/> (which must be empty or hold a dead silo); does not wait.</summary>
    public SiloProcess StartSilo(int slot)
    {
        if (_slots[slot] is { HasExited: false }) throw new InvalidOperationException($"Slot {slot} still runs a silo.");
        var incarnation = ++_incarnations[slot];
        var siloId = $"silo{slot + 1}-{incarnation}";
        var directory = Path.Combine(Folder, siloId);
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string>
        {
            ["Cluster__Secret"] = Secret,
            ["Cluster__Membership__SiloId"] = siloId,
            ["Cluster__Storage__Provider"] = "Sqlite",
            ["Cluster__Storage__ConnectionString"] = ConnectionString,
            ["Cluster__Accounts__SessionRoot"] = Path.Combine(directory, "sessions"),
            ["Telegram__Simulator__BaseUrl"] = SimulatorProcess.BaseUrl.AbsoluteUri,
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable(LogLevelVariable) is { Length: > 0 } level ? level : "Warning",
        };
        foreach (var (key, value) in SiloSettings) settings[key] = value;
        var silo = SiloProcess.Start(settings, directory);
        _slots[slot] = silo;
        _all.Add((slot, silo));
        return silo;
    }

    /// <summary>Waits until the silo in <paramref name="slot"/> answers /health/ready.</summary>
    public Task WaitReadyAsync(int slot, TimeSpan? timeout = null)
        => (_slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty."))
            .WaitForStatusAsync("health/ready", HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>Starts a new silo in every slot whose silo exited by itself (a silo that fenced itself exits with code 3
    /// to be restarted, as Kubernetes would); returns the slots restarted.</summary>
    public IReadOnlyList<int> RestartExitedSilos()
    {
        var restarted = new List<int>();
        for (var slot = 0; slot < _slots.Count; slot++)
        {
            if (_slots[slot] is not { HasExited: true }) continue;
            StartSilo(slot);
            restarted.Add(slot);
        }
        return restarted;
    }

    /// <summary>Kills the silo in <paramref name="slot"/> with SIGKILL (kill -9) and waits until the process is gone.</summary>
    public async Task KillAsync(int slot)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        silo.Kill();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        _slots[slot] = null;
    }

    /// <summary>The cluster client: finds gateways (Active silos) in the membership table, retries calls that certainly
    /// did not run on a silo that went away, and knows the grain interfaces' JSON.</summary>
    public IGrainFactory Grains
    {
        get
        {
            if (_client is null)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Cluster:Secret"] = Secret,
                    ["Cluster:GatewayRefreshInterval"] = "00:00:01",
                    ["Cluster:MaxAttempts"] = "30",
                    ["Cluster:CallTimeout"] = "00:00:30",
                }).Build();
                var services = new ServiceCollection().AddLogging();
                services.AddClusterStorage(o =>
                {
                    o.Provider = ClusterStorageProvider.Sqlite;
                    o.ConnectionString = ConnectionString;
                });
                services.AddClusterClient(configuration);
                services.AddGrainJsonContext(GrainsJsonContext.Default);
                _client = services.BuildServiceProvider();
            }
            return _client.GetRequiredService<IGrainFactory>();
        }
    }

    /// <summary>What went wrong where, for a failure message: each silo's warnings and errors (the last lines of each).</summary>
    public string Diagnostics(int linesPerSilo = 15)
        => string.Join(Environment.NewLine, _all.Select(s =>
        {
            var lines = s.Silo.Lines.Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).TakeLast(linesPerSilo).Select(l => l.Length > 400 ? l[..400] + "..." : l);
            return $"--- slot {s.Slot} (port {s.Silo.SiloPort}, exited: {s.Silo.HasExited}){Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
        }));

    /// <summary>Set to a folder to keep every process's whole output there (one file per silo incarnation and one for
    /// the simulator) when the cluster is disposed; for investigating a failure by hand.</summary>
    public const string LogFolderVariable = "E2E_LOG_DIR";

    /// <summary>Set to a log level (e.g. Information) to make the silos log more than warnings.</summary>
    public const string LogLevelVariable = "E2E_SILO_LOG_LEVEL";

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        foreach (var (_, silo) in _all) await silo.DisposeAsync();
        await SimulatorProcess.DisposeAsync();
        if (Environment.GetEnvironmentVariable(LogFolderVariable) is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            foreach (var (slot, silo) in _all) await File.WriteAllTextAsync(Path.Combine(logs, $"{Path.GetFileName(silo.WorkingDirectory)}.log"), silo.Output);
            await File.WriteAllTextAsync(Path.Combine(logs, "simulator.log"), SimulatorProcess.Output);
        }
        Simulator.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using System.Diagnostics;
using System.Net;
using Cluster.Hosting.Hosting;
using Cluster.Silo.Tests.Infrastructure;
using Cluster.TestSupport.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A cluster as <c>tools/run-cluster.sh</c> runs it: one standalone simulator process and N silo processes on one
/// fresh PostgreSQL database (Orleans' ADO.NET clustering, grain storage and reminders, our lease and always-on tables), each
/// silo with free ports and its own <c>Orleans:Name</c>, plus an Orleans client in the test process that finds the gateways
/// in the membership table. Silos live in numbered slots: a slot's silo can be killed (SIGKILL), frozen (SIGSTOP), stopped
/// gracefully (SIGTERM) and a new one started in its place (a new silo address, as a restarted pod gets).</summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly List<SiloProcess?> _slots = [];
    private readonly List<(int Slot, string Name, SiloProcess Silo)> _all = [];
    private readonly int[] _incarnations;
    private readonly PostgresServer _postgres;
    private IHost? _client;

    private ProcessCluster(SimulatorProcess simulator, PostgresServer postgres, string database, string folder, int slots,
        IReadOnlyDictionary<string, string> siloSettings)
    {
        SimulatorProcess = simulator;
        Simulator = new SimulatorControl(simulator.BaseUrl);
        _postgres = postgres;
        ConnectionString = database;
        Folder = folder;
        SiloSettings = siloSettings;
        _incarnations = new int[slots];
        for (var i = 0; i < slots; i++) _slots.Add(null);
    }

    /// <summary>This run's Orleans cluster and service id: its own, so no other test cluster on the machine joins it.</summary>
    public string ClusterId { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..10];

    public SimulatorProcess SimulatorProcess { get; }
    public SimulatorControl Simulator { get; }

    /// <summary>The run's PostgreSQL database (a fresh one on the shared throwaway server).</summary>
    public string ConnectionString { get; }

    /// <summary>The run's folder: one working folder per silo incarnation (its session files).</summary>
    public string Folder { get; }

    /// <summary>Settings every silo gets on top of the cluster's own (environment-variable form, <c>Cluster__X</c>).</summary>
    public IReadOnlyDictionary<string, string> SiloSettings { get; }

    public int SlotCount => _slots.Count;

    /// <summary>The silo now running in a slot, or null after a kill until the restart.</summary>
    public SiloProcess? Silo(int slot) => _slots[slot];

    /// <summary>Starts PostgreSQL (shared by the test process; a new database per cluster), the simulator with
    /// <paramref name="simulatorArguments"/> and <paramref name="silos"/> silos side by side (each applies the schema, safely
    /// in parallel), waits until every silo is ready, and connects the client. <paramref name="slotSettings"/> adds settings
    /// to a slot's silos (every incarnation; asked when each starts, after the database exists); <paramref name="launcher"/>
    /// starts a slot's silo its own way (given the slot, the settings and the working folder), or returns null for the usual.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? siloSettings = null,
        IEnumerable<string>? simulatorArguments = null, Func<ProcessCluster, int, IReadOnlyDictionary<string, string>?>? slotSettings = null,
        Func<int, IReadOnlyDictionary<string, string>, string, SiloProcess?>? launcher = null)
    {
        var postgres = await PostgresServer.GetSharedAsync();
        var database = await postgres.CreateDatabaseAsync("e2e");
        var folder = Directory.CreateTempSubdirectory("e2e-cluster-").FullName;
        var simulator = await SimulatorProcess.StartAsync(simulatorArguments);
        var cluster = new ProcessCluster(simulator, postgres, database, folder, silos, siloSettings ?? new Dictionary<string, string>())
        {
            _slotSettings = slotSettings,
            _launcher = launcher,
        };
        try
        {
            for (var i = 0; i < silos; i++) cluster.StartSilo(i);
            for (var i = 0; i < silos; i++) await cluster.WaitReadyAsync(i);
            await cluster.StartClientAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    private Func<ProcessCluster, int, IReadOnlyDictionary<string, string>?>? _slotSettings;
    private Func<int, IReadOnlyDictionary<string, string>, string, SiloProcess?>? _launcher;

    /// <summary>The settings every silo and the client share: the cluster's identity and its database.</summary>
    private Dictionary<string, string> SharedSettings => new()
    {
        ["Cluster__ClusterId"] = ClusterId,
        ["Cluster__ServiceId"] = ClusterId,
        ["Cluster__Storage__Provider"] = "Postgres",
        ["Cluster__Storage__ConnectionString"] = ConnectionString,
        // No cluster certificate in these runs: mutual TLS is tested in ClusterHosting.Tests.
        ["Cluster__Tls__Mode"] = "Disabled",
    };

    /// <summary>Starts a new silo in <paramref name="slot"/> (which must be empty or hold an exited silo); does not wait.</summary>
    public SiloProcess StartSilo(int slot)
    {
        if (_slots[slot] is { HasExited: false }) throw new InvalidOperationException($"Slot {slot} still runs a silo.");
        var incarnation = ++_incarnations[slot];
        var name = $"silo{slot + 1}-{incarnation}";
        var directory = Path.Combine(Folder, name);
        Directory.CreateDirectory(directory);
        var settings = SharedSettings;
        settings["Orleans__Name"] = name;
        settings["Cluster__AdvertisedAddress"] = "127.0.0.1";
        settings["Cluster__Accounts__SessionRoot"] = Path.Combine(directory, "sessions");
        settings["Telegram__Simulator__BaseUrl"] = SimulatorProcess.BaseUrl.AbsoluteUri;
        settings["Demo__Seed"] = "false";
        settings["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable(LogLevelVariable) is { Length: > 0 } level ? level : "Warning";
        foreach (var (key, value) in SiloSettings) settings[key] = value;
        foreach (var (key, value) in _slotSettings?.Invoke(this, slot) ?? new Dictionary<string, string>()) settings[key] = value;
        var silo = _launcher?.Invoke(slot, settings, directory) ?? SiloProcess.Start(settings, directory);
        _slots[slot] = silo;
        _all.Add((slot, name, silo));
        return silo;
    }

    /// <summary>Waits until the silo in <paramref name="slot"/> answers /health/ready (it is Active in the membership).</summary>
    public async Task WaitReadyAsync(int slot, TimeSpan? timeout = null)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        try
        {
            await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (InvalidOperationException) when (silo.HasExited && silo.Lines.Count == 0 && silo.ExitCode is 0 or 143 && StraySignals < 2)
        {
            // Terminated (SIGTERM) before it printed its first line: not this silo's doing. On a machine shared with other
            // test runs that stop their own processes by pid, a new process can be given a pid another run still signals
            // (pids wrap at 32768 here); seen twice, each time for the silo started right after the thawed one. Start it again.
            StraySignals++;
            Console.Error.WriteLine($"{Find(silo)} (pid {SiloProcessAccess.ProcessId(silo)}) was stopped with exit code {silo.ExitCode} before its first output line; started again");
            StartSilo(slot);
            await WaitReadyAsync(slot, timeout);
        }
        catch (InvalidOperationException e) when (silo.HasExited)
        {
            var pid = SiloProcessAccess.ProcessId(silo);
            throw new InvalidOperationException($"{Find(silo)} (pid {pid}, exit code {silo.ExitCode}, {silo.Lines.Count} output lines): {e.Message}", e);
        }
    }

    /// <summary>How many silos were stopped by a signal before their first output line and started again (see
    /// <see cref="WaitReadyAsync"/>); a test may report it.</summary>
    public int StraySignals { get; private set; }

    private string Find(SiloProcess silo) => _all.FirstOrDefault(a => a.Silo == silo) is { Name: not null } a ? $"{a.Name} in slot {a.Slot}" : "a silo";

    /// <summary>Starts a new silo in every slot whose silo exited by itself (a silo that learned it was declared dead
    /// stops itself, to be restarted, as Kubernetes would); returns the slots restarted.</summary>
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

    /// <summary>Freezes the silo in <paramref name="slot"/> (SIGSTOP): a process that stops running without dying, as a
    /// long GC pause, a stalled VM or a debugger does. Its sockets stay open.</summary>
    public void Freeze(int slot) => Signal(slot, "STOP");

    /// <summary>Lets a frozen silo run again (SIGCONT).</summary>
    public void Thaw(int slot) => Signal(slot, "CONT");

    /// <summary>Stops the silo in <paramref name="slot"/> gracefully (SIGTERM) and waits until it exited; returns its exit code.</summary>
    public Task<int> StopAsync(int slot, TimeSpan? timeout = null)
    {
        BeginStop(slot);
        return WaitStoppedAsync(slot, timeout);
    }

    /// <summary>Sends SIGTERM to the silo in <paramref name="slot"/>: it starts its graceful shutdown.</summary>
    public void BeginStop(int slot) => (_slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.")).Terminate();

    /// <summary>Waits until the silo in <paramref name="slot"/> exited (after <see cref="BeginStop"/>); returns its exit code.</summary>
    public async Task<int> WaitStoppedAsync(int slot, TimeSpan? timeout = null)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        var code = await silo.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(45));
        _slots[slot] = null;
        return code;
    }

    private void Signal(int slot, string signal)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        using var kill = Process.Start("kill", ["-" + signal, SiloProcessAccess.ProcessId(silo).ToString()]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} of the silo in slot {slot} exited with {kill.ExitCode}.");
    }

    /// <summary>The slot and name of the silo with <paramref name="address"/> (any incarnation, running or not), or null.</summary>
    public (int Slot, string Name, SiloProcess Silo)? Find(SiloAddress? address)
    {
        if (address is null) return null;
        foreach (var entry in _all)
            if (entry.Silo.SiloPort == address.Endpoint.Port) return entry;
        return null;
    }

    /// <summary>The address of the silo now running in <paramref name="slot"/>, as the membership table lists it (Active or
    /// about to be).</summary>
    public async Task<SiloAddress> AddressOfAsync(int slot)
    {
        var silo = _slots[slot] ?? throw new InvalidOperationException($"Slot {slot} is empty.");
        var hosts = await Management.GetHosts(onlyActive: false);
        return hosts.Where(h => h.Key.Endpoint.Port == silo.SiloPort && h.Value is SiloStatus.Active or SiloStatus.Joining)
                   .Select(h => h.Key).FirstOrDefault()
               ?? throw new InvalidOperationException($"The silo in slot {slot} (silo port {silo.SiloPort}) is not in the membership as Active: "
                                                      + string.Join(", ", hosts.Select(h => $"{h.Key} {h.Value}")));
    }

    /// <summary>The Orleans client: the cluster's id, gateways from the membership table (re-read every second, so a dead
    /// or new silo is noticed at once).</summary>
    public IClusterClient Client => (_client ?? throw new InvalidOperationException("The cluster client did not start.")).Services.GetRequiredService<IClusterClient>();

    public IGrainFactory Grains => Client;

    /// <summary>The test client's log lines from the product's client-side code (calls sent again after a rejection, ...).</summary>
    public CapturingLoggerProvider ClientLog { get; } = new();

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    private async Task StartClientAsync()
    {
        var settings = SharedSettings.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(ClientLog);
        builder.Logging.AddFilter((category, level) => category?.StartsWith("Cluster.", StringComparison.Ordinal) == true && level >= LogLevel.Debug);
        builder.UseOrleansClient(client =>
        {
            client.UseClusterClient(builder.Configuration);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        await host.StartAsync();
        _client = host;
    }

    /// <summary>Asks <paramref name="condition"/> every 250 ms until it holds, asking again when a silo going away fails the
    /// call; fails the test with <see cref="Diagnostics"/> after <paramref name="timeout"/>.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or HttpRequestException or InvalidOperationException)
            {
                // a silo going away mid-call: ask again
            }
            await Task.Delay(250);
        }
        Assert.Fail($"Timed out waiting until {what}.\n{Diagnostics()}");
    }

    /// <summary>What went wrong where, for a failure message: each silo's last lines (stack frames left out).</summary>
    public string Diagnostics(int linesPerSilo = 15)
        => string.Join(Environment.NewLine, _all.Select(s =>
        {
            var lines = s.Silo.Lines.Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).TakeLast(linesPerSilo).Select(l => l.Length > 400 ? l[..400] + "..." : l);
            return $"--- {s.Name} (slot {s.Slot}, silo port {s.Silo.SiloPort}, exited: {s.Silo.HasExited}){Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
        }));

    /// <summary>Set to a folder to keep every process's whole output there (one file per silo incarnation and one for
    /// the simulator) when the cluster is disposed; for investigating a failure by hand.</summary>
    public const string LogFolderVariable = "E2E_LOG_DIR";

    /// <summary>Set to a log level (e.g. Information) to make the silos log more than warnings.</summary>
    public const string LogLevelVariable = "E2E_SILO_LOG_LEVEL";

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _client.Dispose();
        }
        // SIGKILL ends frozen silos too.
        foreach (var (_, _, silo) in _all) await silo.DisposeAsync();
        await SimulatorProcess.DisposeAsync();
        if (Environment.GetEnvironmentVariable(LogFolderVariable) is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            foreach (var (_, name, silo) in _all) await File.WriteAllTextAsync(Path.Combine(logs, $"{name}.log"), silo.Output);
            await File.WriteAllTextAsync(Path.Combine(logs, "simulator.log"), SimulatorProcess.Output);
        }
        Simulator.Dispose();
        try { await _postgres.DropDatabaseAsync(ConnectionString); } catch (Exception) { }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

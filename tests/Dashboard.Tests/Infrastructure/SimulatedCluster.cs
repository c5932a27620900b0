using System.Net;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>A local cluster as tools/run-cluster.sh starts it: one standalone simulator with the demo world and silo
/// processes on it; the first silo seeds the demo accounts and pairs.</summary>
/// <remarks>Two silos on one machine form one cluster only through PostgreSQL clustering, which is not there yet (each
/// silo's membership is in memory): until then the tests start one silo.</remarks>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly string _directory;

    private SimulatedCluster(SimulatorProcess simulator, string directory)
    {
        Simulator = simulator;
        _directory = directory;
    }

    public SimulatorProcess Simulator { get; }
    public string DatabasePath => Path.Combine(_directory, "cluster.db");
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts the simulator and <paramref name="siloCount"/> silos, waits until every silo is ready and the
    /// demo fleet is seeded; <paramref name="settings"/> are given to every silo.</summary>
    public static async Task<SimulatedCluster> StartAsync(int siloCount, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;
        var simulator = await SimulatorProcess.StartAsync(["--demo"], TimeSpan.FromSeconds(60));
        var cluster = new SimulatedCluster(simulator, directory);
        try
        {
            for (var i = 0; i < siloCount; i++)
            {
                var environment = new Dictionary<string, string>
                {
                    ["Cluster__Storage__Provider"] = "Sqlite",
                    ["Cluster__Storage__ConnectionString"] = $"Data Source={cluster.DatabasePath}",
                    ["Telegram__Simulator__BaseUrl"] = simulator.BaseUrl.AbsoluteUri,
                    ["Demo__Seed"] = i == 0 ? "true" : "false",
                };
                foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
                cluster._silos.Add(SiloProcess.Start(environment));
            }
            foreach (var silo in cluster._silos) await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            await cluster._silos[0].WaitForLineAsync("Demo ready", TimeSpan.FromSeconds(90));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        await Simulator.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

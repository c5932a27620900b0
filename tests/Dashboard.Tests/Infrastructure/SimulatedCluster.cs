using System.Net;
using Cluster.EndToEnd.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;
using Cluster.TestSupport.Postgres;

namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>A local cluster as tools/run-cluster.sh starts it: one standalone simulator with the demo world and silo
/// processes on it; the first silo seeds the demo accounts and pairs. One silo runs on the embedded default (SQLite);
/// several form one Orleans cluster on PostgreSQL (a fresh database on the test process's throwaway server).</summary>
internal sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly string _directory;
    private readonly string? _postgresDatabase;

    private SimulatedCluster(SimulatorProcess simulator, string directory, string? postgresDatabase)
    {
        Simulator = simulator;
        _directory = directory;
        _postgresDatabase = postgresDatabase;
    }

    public SimulatorProcess Simulator { get; }
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts the simulator and <paramref name="siloCount"/> silos, waits until every silo is ready and the
    /// demo fleet is seeded; <paramref name="settings"/> are given to every silo.</summary>
    public static async Task<SimulatedCluster> StartAsync(int siloCount, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;
        var postgres = siloCount > 1 ? await PostgresServer.GetSharedAsync() : null;
        var database = postgres is null ? null : await postgres.CreateDatabaseAsync("dashboard");
        var simulator = await SimulatorProcess.StartAsync(["--demo"], TimeSpan.FromSeconds(60));
        var cluster = new SimulatedCluster(simulator, directory, database);
        try
        {
            for (var i = 0; i < siloCount; i++)
            {
                var siloDirectory = Path.Combine(directory, $"silo{i + 1}");
                Directory.CreateDirectory(siloDirectory);
                var environment = new Dictionary<string, string>
                {
                    ["Telegram__Simulator__BaseUrl"] = simulator.BaseUrl.AbsoluteUri,
                    ["Demo__Seed"] = i == 0 ? "true" : "false",
                    ["Orleans__Name"] = $"silo{i + 1}",
                };
                if (database is null)
                {
                    environment["Cluster__Storage__Provider"] = "Sqlite";
                    environment["Cluster__Storage__ConnectionString"] = $"Data Source={Path.Combine(directory, "cluster.db")}";
                }
                else
                {
                    environment["Cluster__Storage__Provider"] = "Postgres";
                    environment["Cluster__Storage__ConnectionString"] = database;
                    environment["Cluster__ClusterId"] = "dashboard";
                    environment["Cluster__ServiceId"] = "dashboard";
                    environment["Cluster__AdvertisedAddress"] = "127.0.0.1";
                    // No cluster certificate in these runs: mutual TLS is tested in ClusterHosting.Tests.
                    environment["Cluster__Tls__Mode"] = "Disabled";
                }
                foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
                cluster._silos.Add(SiloProcess.Start(environment, siloDirectory));
                // The first silo seeds the demo fleet and installs the schema; the others join once it serves.
                if (i == 0) await cluster._silos[0].WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));
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
        if (_postgresDatabase is not null)
        {
            try { await (await PostgresServer.GetSharedAsync()).DropDatabaseAsync(_postgresDatabase); }
            catch (Npgsql.NpgsqlException) { }
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

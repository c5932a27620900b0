using System.Net;
using System.Net.Sockets;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Accounts;
using Cluster.Grains.Admin;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Telegram.Accounts.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Tests.Support;

/// <summary>A real silo in the test process: the runtime on a free loopback port with the account, pair and registry
/// grains, the cluster's SQLite database, and the account port over HTTP to the in-process simulator.</summary>
internal sealed class GrainTestSilo : IAsyncDisposable
{
    public const string Secret = "grains-test-cluster-secret-0123456789";

    private readonly WebApplication _app;
    private bool _stopped;

    private GrainTestSilo(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public IServiceProvider Services => _app.Services;
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();
    public IClusterManagement Management => Services.GetRequiredService<IClusterManagement>();

    public static async Task<GrainTestSilo> StartAsync(string databaseFile, Uri simulatorUrl, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var configuration = new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = Secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Membership:StopHostWhenFenced"] = "false",
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={databaseFile}",
            ["Cluster:CallTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in settings)
        {
            if (value is null) configuration.Remove(key);
            else configuration[key] = value;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // GRAINS_TEST_LOG=1 shows the silos' warnings and errors on the console while investigating a failing test.
        // GRAINS_TEST_LOG=info also shows information messages (activations, state changes) with timestamps.
        var log = Environment.GetEnvironmentVariable("GRAINS_TEST_LOG");
        if (log is "1" or "info") builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        if (log == "info") builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
        builder.UseClusterRuntime(cluster => cluster
            .AddGrains(typeof(AccountGrain).Assembly, typeof(AccountGrain).Namespace)
            .AddGrains(typeof(AccountGrain).Assembly, typeof(Cluster.Grains.Pairs.ChannelPairGrain).Namespace)
            .AddGrains(typeof(AccountGrain).Assembly, typeof(Cluster.Grains.Registry.FleetRegistryGrain).Namespace)
            .AddGrains(typeof(AccountGrain).Assembly, typeof(Cluster.Grains.Admin.AdminSessionGrain).Namespace)
            .AddGrainJsonContext(GrainsJsonContext.Default)
            .AddGrainJsonContext(GrainStateJsonContext.Default));
        builder.Services.AddClusterServices(builder.Configuration);
        builder.Services.AddForwardingGrains(builder.Configuration);
        builder.Services.AddAdminGrains(builder.Configuration);
        builder.Services.AddSimulatorAccountClients(o =>
        {
            o.BaseUrl = simulatorUrl;
            o.PollTimeout = TimeSpan.FromSeconds(5);
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
        });
        var app = builder.Build();
        await app.StartAsync();
        return new GrainTestSilo(app, port);
    }

    /// <summary>Graceful stop: the silo deactivates its grains (they save their sessions) and leaves.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

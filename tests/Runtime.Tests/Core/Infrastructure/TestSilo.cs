using System.Net;
using System.Net.Sockets;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Core.Infrastructure;

/// <summary>A real silo in the test process: a web application with UseClusterRuntime on a free loopback port,
/// the test grains, and the given test database (shared by every silo of a test, as in production).</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public const string Secret = "test-cluster-secret-0123456789";

    private readonly WebApplication _app;
    private bool _stopped;

    private TestSilo(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public string Address => $"http://127.0.0.1:{Port}";
    public IServiceProvider Services => _app.Services;
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();
    public ISiloMembership Membership => Services.GetRequiredService<ISiloMembership>();
    public string SiloId => Membership.LocalSiloId;
    internal ActivationCatalog Catalog => Services.GetRequiredService<ActivationCatalog>();

    /// <summary>Builds and starts a silo; <paramref name="settings"/> override the defaults (null removes one).</summary>
    public static async Task<TestSilo> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        var app = Build(database, settings, out var port);
        await app.StartAsync();
        return new TestSilo(app, port);
    }

    /// <summary>Builds a silo without starting it (start-up validation tests).</summary>
    public static WebApplication Build(TestDatabase database, IDictionary<string, string?>? settings, out int port)
    {
        port = FreePort();
        var configuration = new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = Secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Membership:StopHostWhenFenced"] = "false",
            ["Cluster:Storage:Provider"] = database.Options.Provider.ToString(),
            ["Cluster:Storage:ConnectionString"] = database.Options.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) configuration.Remove(key);
            else configuration[key] = value;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseClusterRuntime(cluster => cluster
            .AddGrains(typeof(TestSilo).Assembly, typeof(CounterGrain).Namespace)
            .AddGrainJsonContext(CoreTestJsonContext.Default));
        return builder.Build();
    }

    /// <summary>Graceful stop: the silo hands its grains over.</summary>
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

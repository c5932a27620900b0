using Cluster.Hosting.Hosting;
using Cluster.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>An Orleans cluster client in the test process, connected through a silo's gateway as the admin bot connects: for
/// setting up what the dashboards should show and reading the grains' own account of it.</summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterClient> ConnectAsync(SiloProcess silo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Gateways:0"] = $"127.0.0.1:{silo.GatewayPort}",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseClusterClient(configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(); }
        finally { _host.Dispose(); }
    }
}

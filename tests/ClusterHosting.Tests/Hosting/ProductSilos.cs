using Cluster.TestSupport.Network;
using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>Silos configured exactly as the product's (<see cref="ClusterSiloBuilderExtensions.UseClusterSilo"/>) in this
/// process, each on free ports, plus a client built with <see cref="ClusterClientBuilderExtensions.UseClusterClient"/>.</summary>
public sealed class ProductSilos : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly List<IHost> _silos = [];
    private IHost? _client;

    private readonly Action<HostApplicationBuilder>? _configureSilo;

    /// <param name="settings">Every silo's configuration (and the client's).</param>
    /// <param name="configureSilo">More services for each silo (the account grains' services, say), after UseClusterSilo.</param>
    public ProductSilos(IReadOnlyDictionary<string, string?> settings, Action<HostApplicationBuilder>? configureSilo = null)
    {
        _settings = new(settings);
        _configureSilo = configureSilo;
    }

    public IReadOnlyList<IHost> Silos => _silos;

    public async Task<IHost> StartSiloAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // HOSTING_TEST_LOG=1 shows the silos' warnings on the console while investigating a failing test; =info shows more.
        var log = Environment.GetEnvironmentVariable("HOSTING_TEST_LOG");
        if (log is "1" or "info") builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        if (log == "info") builder.Logging.SetMinimumLevel(LogLevel.Information).AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration));
        _configureSilo?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync();
        _silos.Add(host);
        return host;
    }

    public async Task<IClusterClient> ClientAsync()
    {
        if (_client is not null) return _client.Services.GetRequiredService<IClusterClient>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>(_settings);
        if (!settings.ContainsKey("Cluster:Storage:Provider") || settings["Cluster:Storage:Provider"] == "Sqlite")
            settings["Cluster:GatewayPort"] = _silos[0].Services.GetRequiredService<IConfiguration>()["Cluster:GatewayPort"];
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client.UseClusterClient(builder.Configuration));
        _client = builder.Build();
        await _client.StartAsync();
        return _client.Services.GetRequiredService<IClusterClient>();
    }

    public async Task StopSiloAsync(IHost silo)
    {
        _silos.Remove(silo);
        await silo.StopAsync();
        silo.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in _silos.AsEnumerable().Reverse())
        {
            try { await silo.StopAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
            silo.Dispose();
        }
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not within {timeout}: {what}");
            await Task.Delay(100);
        }
    }

}

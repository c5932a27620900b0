using System.Net;
using Cluster.Silo.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>The silo's metrics pipeline alone (<see cref="MetricsEndpoints.AddSiloMetrics"/> and
/// <see cref="MetricsEndpoints.MapSiloMetrics"/>, the exporter as the silo has it) in an ASP.NET Core host on a free
/// loopback port, for what is hard to provoke in a running silo: a 429, the cardinality limit, bucket bounds.</summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private MetricsHost(WebApplication app, Uri address)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<MetricsHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSiloMetrics(builder.Configuration);
        var app = builder.Build();
        app.MapSiloMetrics();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetricsHost(app, new Uri(address));
    }

    /// <summary>The raw response of <c>GET /metrics</c>.</summary>
    public Task<HttpResponseMessage> GetAsync() => _http.GetAsync("metrics");

    /// <summary>One scrape, read by the strict parser.</summary>
    public async Task<IReadOnlyDictionary<string, PrometheusFamily>> ScrapeAsync()
        => PrometheusText.Parse(await _http.GetStringAsync("metrics"));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Runtime.CompilerServices;
using Cluster.Grains.Diagnostics;
using Cluster.Telegram.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Metrics;

/// <summary>The silo's Prometheus endpoint: <c>GET /metrics</c> answers the text exposition format 0.0.4 with every
/// "Cluster.*" meter of this silo, process and .NET runtime figures.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>Adds the collector (options from <c>Silo:Metrics</c>) and the silo's own meter.</summary>
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<SiloMetrics>();
        return services;
    }

    /// <summary>Maps <c>/metrics</c>. The collector starts listening here, before the Orleans silo starts, so counts begin
    /// with the silo. The returned builder lets the host put the endpoint behind authentication.</summary>
    public static IEndpointConventionBuilder MapSiloMetrics(this IEndpointRouteBuilder endpoints)
    {
        var collector = endpoints.ServiceProvider.GetRequiredService<MetricsCollector>();
        endpoints.ServiceProvider.GetRequiredService<SiloMetrics>();
        // The static meters create their instruments on first use; create them now, so every family is there (at zero)
        // from the first scrape and rate() has a starting point.
        RuntimeHelpers.RunClassConstructor(typeof(TelegramMetrics).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(GrainMetrics).TypeHandle);
        return endpoints.MapGet(Path, async context =>
        {
            var text = collector.Scrape();
            context.Response.ContentType = PrometheusTextWriter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, context.RequestAborted);
        });
    }
}

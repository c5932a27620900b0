using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Cluster.Silo.Metrics;

/// <summary>The silo's Prometheus endpoint: <c>GET /metrics</c>, served by OpenTelemetry's Prometheus exporter, with
/// Orleans' meter, every <c>Cluster.*</c> meter, the .NET runtime's meter and the process instrumentation.</summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>Orleans' meter (activations, calls, messaging, membership, ...): families <c>orleans_*</c>.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Our meters (<c>Cluster.Grains</c>, <c>Cluster.Telegram</c>, <c>Cluster.Silo</c>): families <c>cluster_*</c>.</summary>
    public const string ClusterMeters = "Cluster.*";

    /// <summary>The OpenTelemetry metrics pipeline (options from <c>Silo:Metrics</c>) and the silo's own meter.</summary>
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<SiloMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("cluster-silo", autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter, ClusterMeters)
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter(prometheus =>
                {
                    prometheus.ScrapeEndpointPath = Path;
                    // Every scrape collects afresh (the exporter would otherwise answer the same text for 300 ms): a
                    // scrape costs little, and two scrapes in a row then never disagree with what happened between them.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    // The resource says nothing an operator's scrape config does not know; scope labels name the meter.
                    prometheus.TargetInfoEnabled = false;
                }));
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var options = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
            var buckets = options.EffectiveMillisecondBuckets;
            metrics.AddView(instrument => View(instrument, options.MaxSeriesPerInstrument, buckets));
        });
        return services;
    }

    /// <summary>Maps <c>/metrics</c> and creates the silo's meter (its gauges are read at each scrape). The returned builder
    /// lets the host put the endpoint behind authentication; the dashboard's basic authentication guards it by path.</summary>
    public static IEndpointConventionBuilder MapSiloMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<SiloMetrics>();
        return endpoints.MapPrometheusScrapingEndpoint(Path);
    }

    /// <summary>Every instrument keeps at most <see cref="MetricsOptions.MaxSeriesPerInstrument"/> label sets; our
    /// millisecond histograms without advice get <see cref="MetricsOptions.MillisecondBuckets"/> (Orleans', the runtime's
    /// and the process's keep their own).</summary>
    private static MetricStreamConfiguration View(Instrument instrument, int maxSeries, double[] millisecondBuckets)
    {
        if (instrument.Meter.Name.StartsWith("Cluster.", StringComparison.Ordinal) && instrument.Unit == "ms" && !HasAdvice(instrument))
            return new ExplicitBucketHistogramConfiguration { Boundaries = millisecondBuckets, CardinalityLimit = maxSeries };
        return new MetricStreamConfiguration { CardinalityLimit = maxSeries };
    }

    private static bool HasAdvice(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries is not null,
        _ => true, // not a histogram: no buckets to set
    };
}

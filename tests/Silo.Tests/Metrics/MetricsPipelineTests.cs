using System.Diagnostics.Metrics;
using System.Globalization;
using Cluster.Grains.Diagnostics;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>How the silo's OpenTelemetry pipeline shows System.Diagnostics.Metrics instruments in Prometheus text: which
/// meters it exports, names and types, our millisecond buckets, and the cap on label sets per instrument.</summary>
public sealed class MetricsPipelineTests
{
    [Fact]
    public async Task A_Cluster_counter_becomes_a_total_family_with_tags_as_labels_and_unit_annotations_dropped()
    {
        await using var host = await MetricsHost.StartAsync();
        using var meter = NewMeter();
        var calls = meter.CreateCounter<long>("cluster.test.calls", "{call}", "Calls made.");

        calls.Add(2, new KeyValuePair<string, object?>("grain.type", "pair"), new KeyValuePair<string, object?>("grain.method", "Go"));
        calls.Add(3, new KeyValuePair<string, object?>("grain.method", "Go"), new KeyValuePair<string, object?>("grain.type", "pair"));
        calls.Add(1, new KeyValuePair<string, object?>("grain.type", "account"), new KeyValuePair<string, object?>("grain.method", "Go"));

        using var response = await host.GetAsync();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var family = PrometheusText.Parse(await response.Content.ReadAsStringAsync())["cluster_test_calls_total"];
        Assert.Equal("counter", family.Type);
        Assert.Equal("Calls made.", family.Help);
        Assert.Equal(5, family.Sum(labels: [("grain_type", "pair"), ("otel_scope_name", meter.Name)]));
        Assert.Equal(1, family.Sum(labels: ("grain_type", "account")));
    }

    [Fact]
    public async Task A_Cluster_millisecond_histogram_gets_the_configured_latency_buckets_and_a_unit_suffix()
    {
        await using var host = await MetricsHost.StartAsync();
        using var meter = NewMeter();
        var latency = meter.CreateHistogram<double>("cluster.test.latency", "ms", "Latency.");
        foreach (var ms in new[] { 0.2, 0.5, 3, 7, 40, 4_000, 1_000_000 }) latency.Record(ms, new KeyValuePair<string, object?>("pair", "p1"));

        var family = (await host.ScrapeAsync())["cluster_test_latency_milliseconds"];

        Assert.Equal("histogram", family.Type);
        double Bucket(string le) => family.Sum("cluster_test_latency_milliseconds_bucket", ("pair", "p1"), ("le", le));
        Assert.Equal(2, Bucket("0.5")); // 0.2 and 0.5: "le" includes the bound
        Assert.Equal(3, Bucket("5"));
        Assert.Equal(4, Bucket("10"));
        Assert.Equal(5, Bucket("50"));
        Assert.Equal(6, Bucket("5000"));
        Assert.Equal(6, Bucket("300000"));
        Assert.Equal(7, Bucket("+Inf"));
        Assert.Equal(7, family.Sum("cluster_test_latency_milliseconds_count"));
        Assert.Equal(1_004_050.7, family.Sum("cluster_test_latency_milliseconds_sum"), 6);
        Assert.Equal([0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, double.PositiveInfinity], Bounds(family));
    }

    [Fact]
    public async Task Bucket_settings_and_histogram_advice_are_both_honoured()
    {
        await using var host = await MetricsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Silo:Metrics:MillisecondBuckets:0"] = "1",
            ["Silo:Metrics:MillisecondBuckets:1"] = "10",
        });
        using var meter = NewMeter();
        meter.CreateHistogram<double>("cluster.test.configured", "ms").Record(3);
        meter.CreateHistogram("cluster.test.advised", "ms", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [100, 200] }).Record(150);

        var families = await host.ScrapeAsync();

        Assert.Equal([1, 10, double.PositiveInfinity], Bounds(families["cluster_test_configured_milliseconds"]));
        Assert.Equal([100, 200, double.PositiveInfinity], Bounds(families["cluster_test_advised_milliseconds"]));
    }

    [Fact]
    public async Task Label_sets_beyond_the_cardinality_limit_go_to_the_overflow_series()
    {
        await using var host = await MetricsHost.StartAsync(new Dictionary<string, string?> { ["Silo:Metrics:MaxSeriesPerInstrument"] = "3" });
        using var meter = NewMeter();
        var counter = meter.CreateCounter<long>("cluster.test.per_user");
        for (var i = 0; i < 10; i++) counter.Add(1, new KeyValuePair<string, object?>("user", "u" + i));

        var family = (await host.ScrapeAsync())["cluster_test_per_user_total"];

        var ordinary = family.Samples.Where(s => !s.Labels.ContainsKey("otel_metric_overflow")).ToList();
        Assert.InRange(ordinary.Count, 1, 3);
        Assert.Equal("true", Assert.Single(family.Samples, s => s.Labels.ContainsKey("otel_metric_overflow")).Labels["otel_metric_overflow"]);
        Assert.Equal(10, family.Sum()); // nothing is lost: what did not fit is counted in the overflow series
    }

    [Fact]
    public async Task Only_Orleans_Cluster_runtime_and_process_meters_are_exported()
    {
        await using var host = await MetricsHost.StartAsync();
        using var foreign = new Meter("Other.Library." + Guid.NewGuid().ToString("N"));
        foreign.CreateCounter<long>("other.calls").Add(1);
        using var ours = NewMeter();
        ours.CreateCounter<long>("cluster.test.mine").Add(1);

        var families = await host.ScrapeAsync();

        Assert.Equal(1, families["cluster_test_mine_total"].Sum());
        Assert.False(families.ContainsKey("other_calls_total"), "a meter not named Cluster.* nor Orleans'");
        Assert.True(families["process_cpu_time_seconds_total"].Sum() > 0);
        Assert.True(families["process_memory_usage_bytes"].Sum() > 0);
        Assert.True(families["dotnet_gc_heap_total_allocated_bytes_total"].Sum() > 0);
        Assert.True(families["dotnet_thread_pool_thread_count"].Sum() > 0);
        Assert.True(families.ContainsKey("dotnet_gc_collections_total") || families.ContainsKey("dotnet_gc_pause_time_seconds_total"));
    }

    [Theory]
    [InlineData("demo-alice", "demo-alice")]
    [InlineData("news-pair-2", "news-pair-2")]
    public void Ordinary_ids_are_labels_as_they_are(string id, string expected) => Assert.Equal(expected, MetricLabels.Id(id));

    [Theory]
    [InlineData("+447700900123")]
    [InlineData("447700900123")]
    [InlineData("acc-+44 7700 900123")]
    public void Ids_that_could_be_phone_numbers_are_hashed(string id)
    {
        var label = MetricLabels.Id(id);
        Assert.StartsWith("id-", label);
        Assert.DoesNotContain("7700", label);
        Assert.Equal(label, MetricLabels.Id(id)); // stable, so the series survives restarts
    }

    private static Meter NewMeter() => new("Cluster.Test." + Guid.NewGuid().ToString("N"));

    private static List<double> Bounds(PrometheusFamily family)
        => family.Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal))
            .Select(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], CultureInfo.InvariantCulture))
            .Distinct().ToList();
}

using System.Diagnostics.Metrics;
using Cluster.Grains.Diagnostics;
using Cluster.Silo.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>The collector turns System.Diagnostics.Metrics instruments into Prometheus families: counters as "_total",
/// histograms as buckets, observable gauges as gauges, tags as labels; only the meters it is told to export.</summary>
public sealed class MetricsCollectorTests
{
    private static readonly MetricsOptions Options = new();

    [Fact]
    public void Counter_becomes_a_total_family_with_tags_as_labels_and_unit_annotations_dropped()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var calls = meter.CreateCounter<long>("cluster.test.calls", "{call}", "Calls made.");

        calls.Add(2, new KeyValuePair<string, object?>("grain.type", "pair"), new KeyValuePair<string, object?>("grain.method", "Go"));
        calls.Add(3, new KeyValuePair<string, object?>("grain.method", "Go"), new KeyValuePair<string, object?>("grain.type", "pair"));
        calls.Add(1, new KeyValuePair<string, object?>("grain.type", "account"), new KeyValuePair<string, object?>("grain.method", "Go"));

        var text = collector.Scrape(includeProcess: false);
        var family = PrometheusText.Parse(text)["cluster_test_calls_total"];
        Assert.Equal("counter", family.Type);
        Assert.Equal("Calls made.", family.Help);
        Assert.Equal(5, family.Sum(labels: ("grain_type", "pair")));
        Assert.Equal(1, family.Sum(labels: ("grain_type", "account")));
        Assert.Contains("cluster_test_calls_total{grain_method=\"Go\",grain_type=\"pair\"} 5\n", text);
    }

    [Fact]
    public void Millisecond_histogram_gets_latency_buckets_and_a_unit_suffix()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var latency = meter.CreateHistogram<double>("cluster.test.latency", "ms", "Latency.");
        foreach (var ms in new[] { 0.2, 0.5, 3, 7, 40, 4_000, 1_000_000 }) latency.Record(ms, new KeyValuePair<string, object?>("pair", "p1"));

        var family = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_latency_milliseconds"];

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
        Assert.Equal([0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, double.PositiveInfinity],
            family.Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal))
                .Select(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Histogram_advice_overrides_the_default_buckets()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var sizes = meter.CreateHistogram<int>("cluster.test.size", "By", "Sizes.", tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [10, 100] });
        sizes.Record(50);

        var family = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_size_bytes"];

        Assert.Equal(["10", "100", "+Inf"], family.Samples.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Select(s => s.Labels["le"]));
        Assert.Equal(1, family.Sum("cluster_test_size_bytes_bucket", ("le", "100")));
    }

    [Fact]
    public void Observable_gauge_reports_its_current_values_and_forgets_label_sets_no_longer_reported()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var current = new Dictionary<string, int> { ["account"] = 3, ["pair"] = 2 };
        meter.CreateObservableGauge("cluster.test.activations", () => current.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("grain.type", p.Key))).ToList());

        var first = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_activations"];
        current.Remove("pair");
        current["account"] = 5;
        var second = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_activations"];

        Assert.Equal("gauge", first.Type);
        Assert.Equal(3, first.Sum(labels: ("grain_type", "account")));
        Assert.Equal(2, first.Sum(labels: ("grain_type", "pair")));
        Assert.Equal(5, second.Sum(labels: ("grain_type", "account")));
        Assert.DoesNotContain(second.Samples, s => s.Labels["grain_type"] == "pair");
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_of_its_running_sum()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var inFlight = meter.CreateUpDownCounter<int>("cluster.test.in_flight");
        inFlight.Add(4);
        inFlight.Add(-1);

        var family = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_in_flight"];

        Assert.Equal("gauge", family.Type);
        Assert.Equal(3, family.Sum());
    }

    [Fact]
    public void Synchronous_gauge_reports_its_last_recorded_level()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);
        var queue = meter.CreateGauge<int>("cluster.test.queue");
        queue.Record(7);
        queue.Record(2);

        var family = PrometheusText.Parse(collector.Scrape(includeProcess: false))["cluster_test_queue"];

        Assert.Equal("gauge", family.Type);
        Assert.Equal(2, family.Sum());
    }

    [Fact]
    public void Label_sets_beyond_the_limit_are_dropped_and_counted()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector(m => m == meter, new MetricsOptions { MaxSeriesPerInstrument = 2 });
        var counter = meter.CreateCounter<long>("cluster.test.per_user");
        for (var i = 0; i < 5; i++) counter.Add(1, new KeyValuePair<string, object?>("user", i));
        counter.Add(1, new KeyValuePair<string, object?>("user", 0)); // an existing series still counts

        var families = PrometheusText.Parse(collector.Scrape(includeProcess: false));

        Assert.Equal(2, families["cluster_test_per_user_total"].Samples.Count);
        Assert.Equal(3, families["cluster_test_per_user_total"].Sum());
        Assert.Equal(3, families["cluster_metrics_dropped_measurements_total"].Sum());
    }

    [Fact]
    public void Only_this_silos_meters_are_exported_static_cluster_meters_too()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherSilo = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var collector = new MetricsCollector(factory, Microsoft.Extensions.Options.Options.Create(new MetricsOptions()));
        var name = "Cluster.Test." + Guid.NewGuid().ToString("N");
        factory.Create(name).CreateCounter<long>("cluster.test.mine").Add(1);
        otherSilo.GetRequiredService<IMeterFactory>().Create(name).CreateCounter<long>("cluster.test.theirs").Add(1);
        using var staticMeter = new Meter(name);
        staticMeter.CreateCounter<long>("cluster.test.static").Add(1);
        using var foreign = new Meter("Other.Library");
        foreign.CreateCounter<long>("other.calls").Add(1);

        var families = PrometheusText.Parse(collector.Scrape(includeProcess: false));

        Assert.Equal(1, families["cluster_test_mine_total"].Sum());
        Assert.Equal(1, families["cluster_test_static_total"].Sum());
        Assert.False(families.ContainsKey("cluster_test_theirs_total"), "a meter of another silo's container in the same process");
        Assert.False(families.ContainsKey("other_calls_total"), "a meter not named Cluster.*");
    }

    [Fact]
    public void Process_and_runtime_families_are_included()
    {
        using var meter = NewMeter();
        using var collector = Collect(meter);

        var families = PrometheusText.Parse(collector.Scrape());

        Assert.True(families["process_cpu_seconds_total"].Sum() > 0);
        Assert.True(families["process_resident_memory_bytes"].Sum() > 0);
        Assert.True(families["process_start_time_seconds"].Sum() > 1_600_000_000);
        Assert.True(families["dotnet_gc_heap_size_bytes"].Sum() >= 0);
        Assert.Equal(["0", "1", "2"], families["dotnet_gc_collections_total"].Samples.Select(s => s.Labels["generation"]));
        Assert.True(families["dotnet_threadpool_threads"].Sum() > 0);
        Assert.True(families.ContainsKey("dotnet_threadpool_queue_length"));
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

    private static MetricsCollector Collect(Meter meter) => new(m => m == meter, Options);
}

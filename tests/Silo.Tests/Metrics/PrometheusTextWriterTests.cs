using Cluster.Silo.Metrics;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>The text writer on its own: escaping, name sanitising, number formats and histogram lines, each checked
/// against the exact text and the strict reader.</summary>
public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Label_values_escape_backslash_double_quote_and_line_feed()
    {
        Assert.Equal(@"C:\\temp", PrometheusTextWriter.EscapeLabelValue(@"C:\temp"));
        Assert.Equal("say \\\"hi\\\"", PrometheusTextWriter.EscapeLabelValue("say \"hi\""));
        Assert.Equal(@"two\nlines", PrometheusTextWriter.EscapeLabelValue("two\nlines"));
        Assert.Equal("plain ünïcode", PrometheusTextWriter.EscapeLabelValue("plain ünïcode"));
    }

    [Fact]
    public void Escaped_label_values_read_back_as_written()
    {
        const string nasty = "a\\b \"quoted\"\nnext, {braces}=x";
        var writer = new PrometheusTextWriter();
        writer.WriteFamily("things_total", "counter", "Things.");
        writer.WriteSample("things_total", PrometheusTextWriter.RenderLabels([new("kind", nasty), new("grain.type", "pair")]), 3);

        var family = PrometheusText.Parse(writer.ToString())["things_total"];

        var sample = Assert.Single(family.Samples);
        Assert.Equal(nasty, sample.Labels["kind"]);
        Assert.Equal("pair", sample.Labels["grain_type"]);
        Assert.Equal(3, sample.Value);
    }

    [Theory]
    [InlineData("cluster.grain.calls", "cluster_grain_calls")]
    [InlineData("cluster.telegram.bot-requests", "cluster_telegram_bot_requests")]
    [InlineData("9lives", "_9lives")]
    [InlineData("ns:sub.name", "ns:sub_name")]
    [InlineData("spaces and ü", "spaces_and__")]
    public void Metric_names_are_sanitised_to_the_allowed_alphabet(string name, string expected)
        => Assert.Equal(expected, PrometheusTextWriter.SanitizeMetricName(name));

    [Theory]
    [InlineData("grain.type", "grain_type")]
    [InlineData("ns:label", "ns_label")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("1st", "_1st")]
    public void Label_names_are_sanitised_and_never_reserved(string name, string expected)
        => Assert.Equal(expected, PrometheusTextWriter.SanitizeLabelName(name));

    [Fact]
    public void Labels_are_sorted_by_name_and_empty_labels_write_no_braces()
    {
        Assert.Equal("a=\"1\",b=\"2\"", PrometheusTextWriter.RenderLabels([new("b", "2"), new("a", "1")]));
        var writer = new PrometheusTextWriter();
        writer.WriteSample("up", "", 1);
        Assert.Equal("up 1\n", writer.ToString());
    }

    [Fact]
    public void Help_escapes_backslash_and_line_feed_and_type_follows()
    {
        var writer = new PrometheusTextWriter();
        writer.WriteFamily("x", "gauge", "first\\second\nthird");
        Assert.Equal("# HELP x first\\\\second\\nthird\n# TYPE x gauge\n", writer.ToString());
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(1234567.25, "1234567.25")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(-3.0, "-3")]
    public void Values_use_invariant_shortest_form_and_prometheus_infinities(double value, string expected)
        => Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Fact]
    public void Histogram_buckets_are_cumulative_with_inf_equal_to_count()
    {
        var writer = new PrometheusTextWriter();
        writer.WriteFamily("latency_milliseconds", "histogram", "Latency.");
        // 2 at or below 1 ms, 0 in (1, 5], 3 in (5, 10], 1 above 10.
        writer.WriteHistogram("latency_milliseconds", "pair=\"p\"", [1, 5, 10], [2, 0, 3, 1], 42.5);

        Assert.Equal(
            "# HELP latency_milliseconds Latency.\n" +
            "# TYPE latency_milliseconds histogram\n" +
            "latency_milliseconds_bucket{pair=\"p\",le=\"1\"} 2\n" +
            "latency_milliseconds_bucket{pair=\"p\",le=\"5\"} 2\n" +
            "latency_milliseconds_bucket{pair=\"p\",le=\"10\"} 5\n" +
            "latency_milliseconds_bucket{pair=\"p\",le=\"+Inf\"} 6\n" +
            "latency_milliseconds_sum{pair=\"p\"} 42.5\n" +
            "latency_milliseconds_count{pair=\"p\"} 6\n",
            writer.ToString());
        Assert.Equal(6, PrometheusText.Parse(writer.ToString())["latency_milliseconds"].Sum("latency_milliseconds_count"));
    }

    [Fact]
    public void Histogram_with_counts_that_do_not_match_its_bounds_is_refused()
    {
        var writer = new PrometheusTextWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteHistogram("h", "", [1, 2], [1, 2], 0));
    }
}

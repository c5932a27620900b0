namespace Cluster.Silo.Tests.Metrics;

/// <summary>The strict reader used on the silo's output must itself refuse what a scraper refuses; otherwise the
/// format tests could not fail.</summary>
public sealed class PrometheusTextTests
{
    private const string Valid =
        "# HELP calls_total Calls.\n# TYPE calls_total counter\ncalls_total{m=\"a\"} 1\ncalls_total{m=\"b\"} 2\n" +
        "# TYPE lat histogram\nlat_bucket{le=\"1\"} 1\nlat_bucket{le=\"+Inf\"} 2\nlat_sum 3\nlat_count 2\n";

    [Fact]
    public void Well_formed_exposition_is_read()
    {
        var families = PrometheusText.Parse(Valid);
        Assert.Equal(3, families["calls_total"].Sum());
        Assert.Equal("Calls.", families["calls_total"].Help);
        Assert.Equal(2, families["lat"].Sum("lat_count"));
    }

    [Theory]
    [InlineData("undeclared 1\n", "no family")]
    [InlineData("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n", "not with its family")]
    [InlineData("# TYPE a gauge\n# TYPE a gauge\na 1\n", "second TYPE")]
    [InlineData("# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\n", "declared again")]
    [InlineData("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n", "twice")]
    [InlineData("# TYPE a gauge\na{x=1} 1\n", "=\"")]
    [InlineData("# TYPE a gauge\na{x=\"1\" 1\n", "expected ','")]
    [InlineData("# TYPE a gauge\na{x=\"\\t\"} 1\n", "invalid escape")]
    [InlineData("# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n", "twice")]
    [InlineData("# TYPE a gauge\na one\n", "invalid value")]
    [InlineData("# TYPE a counter\na 1\n", "_total")]
    [InlineData("# TYPE a_total counter\na_total -1\n", "negative")]
    [InlineData("# TYPE a_total counter\na_total_sum 1\n", "no family")]
    [InlineData("# TYPE a gauge\na 1", "line feed")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "differs from _count")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "+Inf")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"5\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "ascend")]
    [InlineData("# TYPE h histogram\nh_bucket 1\nh_sum 1\nh_count 1\n", "without le")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", "no _sum")]
    [InlineData("# TYPE h histogram\nh 1\n", "no family")]
    public void Malformed_exposition_is_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
        Assert.Contains(reason, error.Message);
    }
}

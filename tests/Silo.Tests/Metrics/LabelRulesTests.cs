namespace Cluster.Silo.Tests.Metrics;

/// <summary>The label check of the /metrics tests must itself catch what it is there to catch.</summary>
public sealed class LabelRulesTests
{
    [Theory]
    [InlineData("account", "+447700900123")]
    [InlineData("account", "44 7700 900123")]
    [InlineData("chat", "-1001234567890")]
    [InlineData("user", "7999999999")]
    [InlineData("pair", "news-1234567")]
    [InlineData("bot", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")]
    [InlineData("silo_id", "S127.0.0.1:11111:155596706")] // allowed only on cluster_silo_info
    public void Identifiers_in_label_values_are_caught(string label, string value)
    {
        var families = PrometheusText.Parse($"# TYPE x_total counter\nx_total{{{label}=\"{value}\"}} 1\n");
        Assert.ThrowsAny<Exception>(() => LabelRules.AssertNoIdentifiers(families, []));
    }

    [Fact]
    public void A_known_chat_id_is_caught_anywhere_in_a_value()
    {
        var families = PrometheusText.Parse("# TYPE x_total counter\nx_total{pair=\"p-4242\"} 1\n");
        Assert.ThrowsAny<Exception>(() => LabelRules.AssertNoIdentifiers(families, [4242]));
    }

    [Fact]
    public void Ordinary_labels_bucket_bounds_and_the_silo_address_pass()
    {
        var families = PrometheusText.Parse(
            "# TYPE cluster_silo_info gauge\ncluster_silo_info{silo_id=\"S127.0.0.1:11111:155596706\"} 1\n" +
            "# TYPE lat histogram\nlat_bucket{pair=\"demo-news\",le=\"300000\"} 1\nlat_bucket{pair=\"demo-news\",le=\"+Inf\"} 1\nlat_sum{pair=\"demo-news\"} 1\nlat_count{pair=\"demo-news\"} 1\n" +
            "# TYPE y_total counter\ny_total{account=\"id-0123456789ab\",method=\"sendMessage\",gc_heap_generation=\"gen0\"} 1\n");
        LabelRules.AssertNoIdentifiers(families, [-1001234567890]);
    }
}

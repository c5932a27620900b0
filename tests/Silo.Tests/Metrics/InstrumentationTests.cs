using System.Net;
using System.Text;
using Cluster.Grains.Guard;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Diagnostics;
using Telegram.Bot;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>The instrumentation that is hard to provoke in a running demo silo: a Bot API 429 and its retry, and the
/// guard's membership cache, observed through the same pipeline and exporter /metrics uses.</summary>
public sealed class InstrumentationTests
{
    [Fact]
    public async Task A_429_from_the_Bot_API_counts_as_too_many_requests_a_retry_and_then_a_sent_message()
    {
        await using var host = await MetricsHost.StartAsync();
        var before = await host.ScrapeAsync();
        using var http = new HttpClient(new ScriptedHandler(
            (HttpStatusCode.TooManyRequests, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 0","parameters":{"retry_after":0}}"""),
            (HttpStatusCode.OK, """{"ok":true,"result":{"message_id":7,"date":0,"chat":{"id":42,"type":"private"}}}""")));
        var bot = BotClients.Create(http, new BotClientOptions
        {
            Token = "123456:test-token-never-shown",
            BaseUrl = "http://bot.invalid",
            Limits = new() { Enabled = false, MinRetryAfter = TimeSpan.FromMilliseconds(10) },
        });

        var sent = await bot.SendMessage(42, "hi");

        Assert.Equal(7, sent.MessageId);
        var after = await host.ScrapeAsync();
        double Delta(string family, params (string, string)[] labels) => after[family].Sum(null, labels) - (before.TryGetValue(family, out var f) ? f.Sum(null, labels) : 0);
        Assert.Equal(1, Delta("cluster_telegram_bot_too_many_requests_total", ("method", "sendMessage")));
        Assert.Equal(1, Delta("cluster_telegram_bot_retries_total", ("method", "sendMessage")));
        Assert.Equal(1, Delta("cluster_telegram_bot_requests_total", ("method", "sendMessage"), ("outcome", "too_many_requests")));
        Assert.Equal(1, Delta("cluster_telegram_bot_requests_total", ("method", "sendMessage"), ("outcome", "ok")));
        Assert.Equal(1, Delta("cluster_telegram_bot_messages_sent_total", ("method", "sendMessage")));
        using var text = await host.GetAsync();
        Assert.DoesNotContain("test-token-never-shown", await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Guard_cache_lookups_count_as_hits_and_misses()
    {
        await using var host = await MetricsHost.StartAsync();
        var cache = new MembershipCache(new GuardOptions(), TimeProvider.System);
        var before = await host.ScrapeAsync();

        Assert.Null(cache.Get(-100, 1));
        cache.Set(-100, 1, true);
        Assert.True(cache.Get(-100, 1));
        Assert.True(cache.Get(-100, 1));

        var after = await host.ScrapeAsync();
        Assert.Equal(2, after["cluster_grains_guard_cache_hits_total"].Sum() - Value(before, "cluster_grains_guard_cache_hits_total"));
        Assert.Equal(1, after["cluster_grains_guard_cache_misses_total"].Sum() - Value(before, "cluster_grains_guard_cache_misses_total"));
    }

    private static double Value(IReadOnlyDictionary<string, PrometheusFamily> families, string name)
        => families.TryGetValue(name, out var family) ? family.Sum() : 0;

    /// <summary>Answers the requests in order with the scripted status and JSON body.</summary>
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}

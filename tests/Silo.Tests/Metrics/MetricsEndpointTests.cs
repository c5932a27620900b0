using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>/metrics of a real silo process (the embedded default with the demo world): the whole output is valid
/// Prometheus text, the Telegram, forwarding and guard counters move with the demo's traffic, and nothing secret or
/// personal (bot tokens, phone numbers, the session key, api_hash) is in it. Orleans' own metrics (activations, calls)
/// are not exported here yet (OpenTelemetry's exporter replaces this writer later).</summary>
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Metrics_of_a_demo_silo_parse_and_their_counters_move_when_a_message_is_forwarded()
    {
        await using var silo = SiloProcess.Start();
        await silo.WaitForLineAsync("Demo ready", Startup);
        using var simulator = new SimulatorInspector(SimulatorUrl(silo));
        var news = await simulator.ChatIdAsync("Demo News");
        var mirror = await simulator.ChatIdAsync("Demo News Mirror");

        using var response = await silo.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var before = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        foreach (var family in ExpectedFamilies)
            Assert.True(before.ContainsKey(family), $"family {family} is missing from /metrics");
        Assert.Equal(1, before["cluster_silos"].Sum(labels: ("status", "Active")));
        Assert.Equal(1, before["cluster_silo_info"].Sum());

        await simulator.PostAsync(news, "metrics test post");
        await simulator.WaitForTextAsync(mirror, "metrics test post", TimeSpan.FromSeconds(30));
        // The pair counts the message once its send has returned, a moment after it is visible in the mirror.
        var after = await ScrapeUntilAsync(silo, f => Forwarded(f) > Forwarded(before), TimeSpan.FromSeconds(20));

        Assert.True(Forwarded(after) > Forwarded(before), "cluster_grains_pair_forwarded_total{pair=\"demo-news\"} did not move");
        Assert.True(after["cluster_grains_pair_forward_latency_milliseconds"].Sum("cluster_grains_pair_forward_latency_milliseconds_count", ("pair", "demo-news"))
            > before["cluster_grains_pair_forward_latency_milliseconds"].Sum("cluster_grains_pair_forward_latency_milliseconds_count", ("pair", "demo-news")),
            "the forward latency histogram of demo-news counted nothing");
        Assert.True(after["cluster_grains_account_sent_total"].Sum(labels: ("account", "demo-alice"))
            > before["cluster_grains_account_sent_total"].Sum(labels: ("account", "demo-alice")), "demo-alice's sent counter did not move");
        Assert.True(after["cluster_telegram_account_requests_total"].Sum(labels: [("adapter", "simulator"), ("outcome", "ok")])
            > before["cluster_telegram_account_requests_total"].Sum(labels: [("adapter", "simulator"), ("outcome", "ok")]),
            "the account adapter's request counter did not move");
        Assert.True(after["process_cpu_seconds_total"].Sum() >= before["process_cpu_seconds_total"].Sum());

        // The demo guard's guests join, talk and leave all the time: its bot polls, and the guard verifies them.
        var guarded = await ScrapeUntilAsync(silo, f => Guard(f) > Guard(before) && Polls(f) > Polls(before), TimeSpan.FromSeconds(30));
        Assert.True(Guard(guarded) > Guard(before), "cluster_grains_guard_verifications_total did not move with the demo guard's traffic");
        Assert.True(Polls(guarded) > Polls(before), "cluster_telegram_bot_requests_total{method=\"getUpdates\"} did not move");
        Assert.True(guarded["cluster_grains_guard_cache_hits_total"].Sum() + guarded["cluster_grains_guard_cache_misses_total"].Sum()
            > before["cluster_grains_guard_cache_hits_total"].Sum() + before["cluster_grains_guard_cache_misses_total"].Sum(), "the guard's cache lookups were not counted");
    }

    [Fact]
    public async Task Metrics_show_no_bot_token_phone_number_cluster_secret_or_session_key()
    {
        // Cluster:Secret is no longer used (the silo ignores it): set anyway, it must not show either.
        var clusterSecret = "metrics-test-secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var sessionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Secret"] = clusterSecret,
            ["Telegram__Sessions__EncryptionKey"] = sessionKey,
        });
        await silo.WaitForLineAsync("Demo ready", Startup);
        using var simulator = new SimulatorInspector(SimulatorUrl(silo));
        var news = await simulator.ChatIdAsync("Demo News");
        await simulator.PostAsync(news, "secrecy test post");
        await simulator.WaitForTextAsync(await simulator.ChatIdAsync("Demo News Mirror"), "secrecy test post", TimeSpan.FromSeconds(30));
        using var world = JsonDocument.Parse(await silo.Http.GetStringAsync(new Uri(SimulatorUrl(silo), "sim/world")));
        var phones = world.RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("phoneNumber").GetString()!).ToList();
        var tokens = world.RootElement.GetProperty("bots").EnumerateArray().Select(b => b.GetProperty("token").GetString()!).ToList();
        Assert.NotEmpty(phones);
        Assert.NotEmpty(tokens);

        var text = await silo.Http.GetStringAsync("metrics");
        var families = PrometheusText.Parse(text);

        Assert.DoesNotContain(clusterSecret, text);
        Assert.DoesNotContain(sessionKey, text);
        foreach (var token in tokens) Assert.DoesNotContain(token, text);
        foreach (var phone in phones)
        {
            var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
            Assert.DoesNotContain(digits, text);
            Assert.DoesNotContain(phone, text);
        }
        // The demo's api_hash is the placeholder "simulator", which is also the adapter's name; what must hold is that no
        // label carries an api_hash, token, secret, session or phone at all.
        var labelNames = families.Values.SelectMany(f => f.Samples).SelectMany(s => s.Labels.Keys).Distinct().ToList();
        Assert.DoesNotContain(labelNames, n => n.Contains("hash", StringComparison.OrdinalIgnoreCase) || n.Contains("token", StringComparison.OrdinalIgnoreCase)
            || n.Contains("secret", StringComparison.OrdinalIgnoreCase) || n.Contains("session", StringComparison.OrdinalIgnoreCase)
            || n.Contains("phone", StringComparison.OrdinalIgnoreCase));
        Assert.True(families["cluster_grains_account_sent_total"].Sum(labels: ("account", "demo-alice")) > 0, "the secrecy check ran before any send was counted");
    }

    [Fact]
    public async Task Metrics_of_a_silo_with_real_credentials_show_no_api_hash()
    {
        const string apiHash = "fedcba9876543210fedcba9876543210";
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Telegram__ApiId"] = "12345",
            ["Telegram__ApiHash"] = apiHash,
            ["Telegram__Sessions__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Cluster__Secret"] = "metrics-real-mode-secret",
            // With real Telegram, /metrics is behind the dashboard's basic authentication (required at start).
            ["Dashboard__Username"] = "scraper",
            ["Dashboard__Password"] = "metrics-scrape-password",
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, Startup);
        using var anonymous = await silo.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "metrics");
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("scraper:metrics-scrape-password"u8));
        using var response = await silo.Http.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        PrometheusText.Parse(text);
        Assert.DoesNotContain(apiHash, text);
        Assert.DoesNotContain("metrics-real-mode-secret", text);
    }

    /// <summary>The families an operator's dashboards and alerts rely on: present from the first scrape.</summary>
    private static readonly string[] ExpectedFamilies =
    [
        "cluster_silos", "cluster_silo_info",
        "cluster_telegram_bot_requests_total", "cluster_telegram_bot_too_many_requests_total", "cluster_telegram_bot_messages_sent_total",
        "cluster_telegram_account_requests_total", "cluster_telegram_account_flood_waits_total",
        "cluster_grains_pair_forwarded_total", "cluster_grains_pair_forward_latency_milliseconds", "cluster_grains_account_sent_total",
        "cluster_grains_account_flood_waits_total", "cluster_grains_guard_verifications_total", "cluster_grains_guard_cache_hits_total",
        "cluster_grains_guard_cache_misses_total",
        "process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "dotnet_gc_heap_size_bytes",
        "dotnet_gc_collections_total", "dotnet_threadpool_threads", "dotnet_threadpool_queue_length",
    ];

    private static double Guard(IReadOnlyDictionary<string, PrometheusFamily> families)
        => families["cluster_grains_guard_verifications_total"].Sum();

    private static double Polls(IReadOnlyDictionary<string, PrometheusFamily> families)
        => families["cluster_telegram_bot_requests_total"].Sum(labels: [("method", "getUpdates"), ("outcome", "ok")]);

    private static double Forwarded(IReadOnlyDictionary<string, PrometheusFamily> families)
        => families["cluster_grains_pair_forwarded_total"].Sum(labels: ("pair", "demo-news"));

    private static async Task<IReadOnlyDictionary<string, PrometheusFamily>> ScrapeUntilAsync(SiloProcess silo,
        Func<IReadOnlyDictionary<string, PrometheusFamily>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var families = PrometheusText.Parse(await silo.Http.GetStringAsync("metrics"));
            if (done(families) || DateTime.UtcNow > deadline) return families;
            await Task.Delay(250);
        }
    }

    private static Uri SimulatorUrl(SiloProcess silo)
        => new(silo.JsonLines.First().GetProperty("State").GetProperty("SimulatorUrl").GetString()!);
}

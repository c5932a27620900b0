using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>/metrics of a real silo process (the embedded default with the demo world), as OpenTelemetry's Prometheus
/// exporter writes it: every line of every scrape passes the strict parser; Orleans' families, ours, the runtime's and
/// the process's are there; the Telegram, forwarding and guard counters move with the simulator's traffic between two
/// scrapes; and nothing secret or personal (bot tokens, phone numbers, chat ids, the session key, api_hash) is in it.</summary>
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
        foreach (var family in FamiliesFromTheStart)
            Assert.True(before.ContainsKey(family), $"family {family} is missing from /metrics");
        Assert.Equal(1, before["cluster_silos"].Sum(labels: ("status", "Active")));
        Assert.Equal(1, before["cluster_silo_info"].Sum());
        Assert.True(before["orleans_catalog_activations"].Sum() > 0, "Orleans reports no activations in a silo running the demo fleet");

        await simulator.PostAsync(news, "metrics test post");
        await simulator.WaitForTextAsync(mirror, "metrics test post", TimeSpan.FromSeconds(30));
        // The pair counts the message once its send has returned, a moment after it is visible in the mirror.
        var after = await ScrapeUntilAsync(silo, f => Forwarded(f) > Forwarded(before), TimeSpan.FromSeconds(20));

        Assert.True(Forwarded(after) > Forwarded(before), "cluster_grains_pair_forwarded_total{pair=\"demo-news\"} did not move");
        Assert.True(Value(after, "cluster_grains_pair_forward_latency_milliseconds", "cluster_grains_pair_forward_latency_milliseconds_count", ("pair", "demo-news"))
            > Value(before, "cluster_grains_pair_forward_latency_milliseconds", "cluster_grains_pair_forward_latency_milliseconds_count", ("pair", "demo-news")),
            "the forward latency histogram of demo-news counted nothing");
        Assert.True(Value(after, "cluster_grains_account_sent_total", null, ("account", "demo-alice"))
            > Value(before, "cluster_grains_account_sent_total", null, ("account", "demo-alice")), "demo-alice's sent counter did not move");
        Assert.True(Value(after, "cluster_telegram_account_requests_total", null, ("adapter", "simulator"), ("outcome", "ok"))
            > Value(before, "cluster_telegram_account_requests_total", null, ("adapter", "simulator"), ("outcome", "ok")),
            "the account adapter's request counter did not move");
        Assert.True(Value(after, "orleans_app_requests_latency_milliseconds", "orleans_app_requests_latency_milliseconds_count")
            > Value(before, "orleans_app_requests_latency_milliseconds", "orleans_app_requests_latency_milliseconds_count"), "Orleans counted no grain call");
        Assert.True(after["process_cpu_time_seconds_total"].Sum() >= before["process_cpu_time_seconds_total"].Sum());

        // The demo guard's guests join, talk and leave all the time: its bot polls, and the guard verifies them.
        var guarded = await ScrapeUntilAsync(silo, f => Guard(f) > Guard(before) && Polls(f) > Polls(before), TimeSpan.FromSeconds(30));
        Assert.True(Guard(guarded) > Guard(before), "cluster_grains_guard_verifications_total did not move with the demo guard's traffic");
        Assert.True(Polls(guarded) > Polls(before), "cluster_telegram_bot_requests_total{method=\"getUpdates\"} did not move");
        Assert.True(Value(guarded, "cluster_grains_guard_cache_hits_total") + Value(guarded, "cluster_grains_guard_cache_misses_total")
            > Value(before, "cluster_grains_guard_cache_hits_total") + Value(before, "cluster_grains_guard_cache_misses_total"), "the guard's cache lookups were not counted");

        var chats = new[] { news, mirror };
        foreach (var scrape in new[] { before, after, guarded }) LabelRules.AssertNoIdentifiers(scrape, chats);
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

        var families = await ScrapeUntilAsync(silo, f => Value(f, "cluster_grains_account_sent_total", null, ("account", "demo-alice")) > 0, TimeSpan.FromSeconds(20));
        var text = await silo.Http.GetStringAsync("metrics");
        LabelRules.AssertNoIdentifiers(PrometheusText.Parse(text), [news]);

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
        Assert.True(Value(families, "cluster_grains_account_sent_total", null, ("account", "demo-alice")) > 0, "the secrecy check ran before any send was counted");
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

        LabelRules.AssertNoIdentifiers(PrometheusText.Parse(text), []);
        Assert.DoesNotContain(apiHash, text);
        Assert.DoesNotContain("metrics-real-mode-secret", text);
    }

    /// <summary>The families an operator's dashboards and alerts rely on that are there from the first scrape of a running
    /// silo (a counter or histogram appears with its first measurement; these are measured from the start).</summary>
    private static readonly string[] FamiliesFromTheStart =
    [
        "cluster_silos", "cluster_silo_info", "cluster_telegram_bot_requests_total", "cluster_telegram_bot_request_duration_milliseconds",
        "cluster_telegram_account_requests_total",
        "orleans_catalog_activations", "orleans_grains", "orleans_app_requests_latency_milliseconds", "orleans_messaging_sent_local_total",
        "orleans_storage_write_latency_milliseconds",
        "process_cpu_time_seconds_total", "process_memory_usage_bytes", "process_thread_count",
        "dotnet_gc_heap_total_allocated_bytes_total", "dotnet_thread_pool_thread_count", "dotnet_thread_pool_queue_length",
        "dotnet_process_memory_working_set_bytes",
    ];

    /// <summary>The sum of a family's samples with these labels; 0 while the family has no sample yet.</summary>
    private static double Value(IReadOnlyDictionary<string, PrometheusFamily> families, string family, string? sample = null, params (string, string)[] labels)
        => families.TryGetValue(family, out var f) ? f.Sum(sample, labels) : 0;

    private static double Guard(IReadOnlyDictionary<string, PrometheusFamily> families)
        => Value(families, "cluster_grains_guard_verifications_total");

    private static double Polls(IReadOnlyDictionary<string, PrometheusFamily> families)
        => Value(families, "cluster_telegram_bot_requests_total", null, ("method", "getUpdates"), ("outcome", "ok"));

    private static double Forwarded(IReadOnlyDictionary<string, PrometheusFamily> families)
        => Value(families, "cluster_grains_pair_forwarded_total", null, ("pair", "demo-news"));

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

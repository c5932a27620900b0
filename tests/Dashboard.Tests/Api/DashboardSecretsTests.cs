using System.Net;
using System.Text.Json;
using Cluster.Grains.Abstractions;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Dashboard.Tests.Api;

/// <summary>What the dashboard's JSON shows, read from a running silo with the demo world, an account configured with a
/// known api_hash and phone number and the demo bot configured with its token: none of those, nor the session bytes,
/// the cluster secret or a full phone number of the demo world, appears in any answer; masked forms do.</summary>
public sealed class DashboardSecretsTests
{
    private const string ClusterSecret = "dashboard-secrets-test-cluster-secret";
    private const string ProbeApiHash = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string ProbePhone = "+447700900123";
    private const string DemoBotToken = "7999999999:AAHdemoGuardBotTokenForTheSimulat0r";
    private static readonly string[] DemoPhones = ["+15550000001", "+15550000002", "+15550000003"];

    [Fact]
    public async Task Dashboard_answers_never_contain_api_hash_bot_token_session_bytes_cluster_secret_or_full_phone_numbers()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["Cluster__Secret"] = ClusterSecret });
        await silo.WaitForLineAsync("Demo ready", TimeSpan.FromSeconds(90));
        await using (var client = CreateClient(silo))
        {
            var grains = client.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IAccountGrain>("secret-probe").ConfigureAsync(new AccountConfiguration
            {
                ApiId = 4242, ApiHash = ProbeApiHash, PhoneNumber = ProbePhone, Label = "probe", Enabled = false,
            });
            await grains.GetGrain<IBotGrain>("7999999999").ConfigureAsync(new BotConfiguration(DemoBotToken, Enabled: false));
        }
        var sessionBlob = await ReadSessionBlobAsync(silo, "account/demo-alice");

        var answers = new Dictionary<string, string>();
        foreach (var path in new[]
        {
            "/dashboard/api/cluster", "/dashboard/api/grains", "/dashboard/api/history", "/dashboard/api/telegram", "/dashboard/api/logs",
            "/dashboard/api/grain?type=account&key=demo-alice", "/dashboard/api/grain?type=account&key=demo-bob",
            "/dashboard/api/grain?type=account&key=secret-probe", "/dashboard/api/grain?type=bot&key=7999999999",
            "/dashboard/api/grain?type=pair&key=demo-news",
        })
        {
            using var response = await silo.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers[path] = await response.Content.ReadAsStringAsync();
        }

        string[] forbidden = [ProbeApiHash, DemoBotToken, DemoBotToken[(DemoBotToken.IndexOf(':') + 1)..], ClusterSecret, sessionBlob[..24],
            .. DemoPhones, .. DemoPhones.Select(p => p[1..]), ProbePhone, ProbePhone[1..]];
        foreach (var (path, body) in answers)
        {
            var text = body + "\n" + string.Join("\n", StringsIn(body));
            foreach (var secret in forbidden) Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{path} contains a secret ({secret[..4]}…): {body}");
        }
        // The answers are the real thing: the masked forms are there.
        var probe = StringsIn(answers["/dashboard/api/grain?type=account&key=secret-probe"]);
        Assert.Contains(probe, s => s.Contains("+44********23", StringComparison.Ordinal));
        Assert.Contains(probe, s => s.Contains("***", StringComparison.Ordinal) && s.Contains("4242", StringComparison.Ordinal));
        var alice = JsonDocument.Parse(answers["/dashboard/api/grain?type=account&key=demo-alice"]).RootElement.GetProperty("states");
        Assert.Equal("\"***\"", alice.GetProperty("session").GetString());
        Assert.Contains(StringsIn(answers["/dashboard/api/telegram"]), s => s == "+15*******01");
        Assert.Contains(StringsIn(answers["/dashboard/api/grain?type=bot&key=7999999999"]), s => s.Contains("\"***\"", StringComparison.Ordinal));
    }

    private static ServiceProvider CreateClient(SiloProcess silo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = ClusterSecret,
            ["Cluster:Gateways:0"] = $"http://127.0.0.1:{silo.SiloPort}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClusterClient(configuration);
        services.AddGrainJsonContext(GrainsJsonContext.Default);
        services.AddGrainJsonContext(GuardJsonContext.Default);
        return services.BuildServiceProvider();
    }

    // The stored session of a demo account, as base64 (how it would appear in JSON).
    private static async Task<string> ReadSessionBlobAsync(SiloProcess silo, string grainId)
    {
        var storage = ClusterStorageFactory.Create(
            new ClusterStorageOptions { ConnectionString = $"Data Source={Path.Combine(silo.WorkingDirectory, "cluster.db")}" }, NullLoggerFactory.Instance);
        try
        {
            var states = await storage.States.ReadAllForGrainAsync(grainId, CancellationToken.None);
            var session = states.Single(s => s.Key.Contains("session", StringComparison.OrdinalIgnoreCase)).Value;
            var blob = JsonDocument.Parse(session).RootElement.EnumerateObject().Single(p => p.Name.Equals("blob", StringComparison.OrdinalIgnoreCase)).Value.GetString();
            Assert.False(string.IsNullOrEmpty(blob), $"{grainId} has a stored session");
            return blob!;
        }
        finally
        {
            (storage as IDisposable)?.Dispose();
        }
    }

    // Every string value of a JSON document (so escaped characters are compared unescaped).
    private static List<string> StringsIn(string json)
    {
        var strings = new List<string>();
        Walk(JsonDocument.Parse(json).RootElement);
        return strings;

        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object: foreach (var p in element.EnumerateObject()) Walk(p.Value); break;
                case JsonValueKind.Array: foreach (var e in element.EnumerateArray()) Walk(e); break;
                case JsonValueKind.String: strings.Add(element.GetString()!); break;
            }
        }
    }
}

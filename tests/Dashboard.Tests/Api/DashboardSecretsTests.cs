using System.Net;
using System.Text.Json;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Dashboard.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Dashboard.Tests.Api;

/// <summary>What the dashboards' JSON shows, read from a running silo with the demo world, an account configured with a
/// known api_hash and phone number and the demo bot configured with its token: none of those, nor the (ignored) cluster
/// secret or a full phone number of the demo world, appears in any answer of our page or of Orleans' dashboard
/// (including its grain state view); masked forms do.</summary>
public sealed class DashboardSecretsTests
{
    private const string ClusterSecret = "dashboard-secrets-test-cluster-secret";
    private const string ProbeApiHash = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string ProbePhone = "+447700900123";
    private const string DemoBotToken = "7999999999:AAHdemoGuardBotTokenForTheSimulat0r";
    private static readonly string[] DemoPhones = ["+15550000001", "+15550000002", "+15550000003"];

    [Fact]
    public async Task Dashboard_answers_never_contain_api_hash_bot_token_cluster_secret_or_full_phone_numbers()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Secret"] = ClusterSecret,
            ["Dashboard__TelegramCacheTime"] = "00:00:00",
        });
        await silo.WaitForLineAsync("Demo ready", TimeSpan.FromSeconds(90));
        await using (var client = await ClusterClient.ConnectAsync(silo))
        {
            var grains = client.Grains;
            await grains.GetGrain<IAccountGrain>("secret-probe").ConfigureAsync(new AccountConfiguration
            {
                ApiId = 4242, ApiHash = ProbeApiHash, PhoneNumber = ProbePhone, Label = "probe", Enabled = false,
            });
            await grains.GetGrain<IBotGrain>("7999999999").ConfigureAsync(new BotConfiguration(DemoBotToken, Enabled: false));
        }

        const string account = "Cluster.Grains.Accounts.AccountGrain";
        var answers = new Dictionary<string, string>();
        foreach (var path in new[]
        {
            "/dashboard/api/cluster", "/dashboard/api/telegram", "/dashboard/api/logs",
            "/orleans/DashboardCounters", "/orleans/ClusterStats", "/orleans/Reminders", "/orleans/TopGrainMethods",
            $"/orleans/GrainState?grainId=demo-alice&grainType={account}", $"/orleans/GrainState?grainId=secret-probe&grainType={account}",
            "/orleans/GrainState?grainId=7999999999&grainType=Cluster.Grains.Bots.BotGrain",
            "/orleans/GrainState?grainId=demo-news&grainType=Cluster.Grains.Pairs.ChannelPairGrain",
        })
        {
            using var response = await silo.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers[path] = await response.Content.ReadAsStringAsync();
        }

        string[] forbidden = [ProbeApiHash, DemoBotToken, DemoBotToken[(DemoBotToken.IndexOf(':') + 1)..], ClusterSecret,
            .. DemoPhones, .. DemoPhones.Select(p => p[1..]), ProbePhone, ProbePhone[1..]];
        foreach (var (path, body) in answers)
        {
            var text = body + "\n" + string.Join("\n", StringsIn(body));
            foreach (var secret in forbidden) Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{path} contains a secret ({secret[..4]}…): {body}");
        }
        // The answers are the real thing: the masked forms are there.
        var telegram = StringsIn(answers["/dashboard/api/telegram"]);
        Assert.Contains(telegram, s => s == "+15*******01");
        Assert.Contains(telegram, s => s == "+44********23");
        Assert.Contains(telegram, s => s == "secret-probe");
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

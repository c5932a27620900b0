using System.Net;
using System.Security.Cryptography;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Startup;

/// <summary>With real credentials the silo runs for real (TDLib adapter, no simulator), says so, and never writes a
/// secret to its log.</summary>
public sealed class RealTelegramTests
{
    [Fact]
    public async Task Silo_with_credentials_runs_against_real_Telegram_becomes_ready_and_logs_no_secret()
    {
        const string apiHash = "0123456789abcdef0123456789abcdef";
        const string clusterSecret = "real-mode-test-cluster-secret";
        var sessionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        const string dashboardPassword = "real-mode-dashboard-password";
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Telegram__ApiId"] = "12345",
            ["Telegram__ApiHash"] = apiHash,
            ["Telegram__Sessions__EncryptionKey"] = sessionKey,
            ["Cluster__Secret"] = clusterSecret,
            // With real Telegram the dashboard requires credentials (tests/Dashboard.Tests covers the refusal without).
            ["Dashboard__Username"] = "operator",
            ["Dashboard__Password"] = dashboardPassword,
        });

        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        var first = silo.JsonLines.First().GetProperty("Message").GetString()!;
        Assert.Contains("Real Telegram", first);
        Assert.DoesNotContain("SIMULATED", silo.Output);
        Assert.DoesNotContain("Demo", silo.Output);
        Assert.DoesNotContain(apiHash, silo.Output);
        Assert.DoesNotContain(clusterSecret, silo.Output);
        Assert.DoesNotContain(sessionKey, silo.Output);
        Assert.DoesNotContain(dashboardPassword, silo.Output);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Dashboard.Tests.Security;

/// <summary>Basic authentication of the dashboards (ours and Orleans') and /metrics: off in the embedded default, on when
/// credentials are configured, required with real Telegram; never in front of the health probes.</summary>
public sealed class DashboardAuthenticationTests
{
    private const string Username = "operator";
    private const string Password = "s3cret-dashboard-password";

    [Fact]
    public async Task Dashboard_and_metrics_answer_401_with_a_basic_challenge_without_credentials_and_200_with_them()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Dashboard__Username"] = Username,
            ["Dashboard__Password"] = Password,
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        foreach (var path in new[] { "/", "/dashboard/api/cluster", "/dashboard/api/telegram", "/dashboard/dashboard.js", "/metrics", "/orleans/", "/orleans/DashboardCounters" })
        {
            using var anonymous = await silo.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic realm=\"cluster\"", anonymous.Headers.WwwAuthenticate.ToString());
            using var wrong = await SendAsync(silo, path, Username, "not-the-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var page = await SendAsync(silo, "/", Username, Password))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("SIMULATED TELEGRAM", await page.Content.ReadAsStringAsync());
        }
        using (var api = await SendAsync(silo, "/dashboard/api/cluster", Username, Password))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Contains("\"simulated\":true", await api.Content.ReadAsStringAsync());
        }
        using (var orleans = await SendAsync(silo, "/orleans/", Username, Password))
        {
            Assert.Equal(HttpStatusCode.OK, orleans.StatusCode);
            Assert.Contains("<html", await orleans.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using (var metrics = await SendAsync(silo, "/metrics", Username, Password))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync());
        }
        using (var live = await silo.Http.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain(Password, silo.Output);
    }

    [Fact]
    public async Task Embedded_default_without_credentials_serves_the_dashboard_openly()
    {
        await using var silo = SiloProcess.Start();
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        using var page = await silo.Http.GetAsync("/");
        using var api = await silo.Http.GetAsync("/dashboard/api/cluster");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Real_Telegram_without_dashboard_credentials_refuses_to_start_with_exit_code_2_naming_the_settings()
    {
        await using var silo = SiloProcess.Start(RealTelegram());

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, exitCode);
        var problems = silo.JsonLines.Where(l => l.GetProperty("LogLevel").GetString() == "Critical")
            .Select(l => l.GetProperty("Message").GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("Dashboard:Username", StringComparison.Ordinal) && p.Contains("Dashboard:Authentication", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", silo.Output);
    }

    [Fact]
    public async Task Real_Telegram_with_authentication_None_starts_and_serves_the_dashboard_without_credentials()
    {
        var settings = RealTelegram();
        settings["Dashboard__Authentication"] = "None";
        await using var silo = SiloProcess.Start(settings);
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(90));

        using var api = await silo.Http.GetAsync("/dashboard/api/cluster");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("\"simulated\":false", await api.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> RealTelegram() => new()
    {
        ["Telegram__ApiId"] = "12345",
        ["Telegram__ApiHash"] = "0123456789abcdef0123456789abcdef",
        ["Telegram__Sessions__EncryptionKey"] = Convert.ToBase64String(new byte[32]),
    };

    private static Task<HttpResponseMessage> SendAsync(SiloProcess silo, string path, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return silo.Http.SendAsync(request);
    }
}

using Cluster.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cluster.Dashboard.Tests.Browser;

/// <summary>The dashboard in real headless Chromium (Debian's package, driven by Playwright) against a silo process on the
/// simulator: it loads without console errors, shows the demo accounts, pairs and group with the silo that holds them and
/// the SIMULATED TELEGRAM banner, keeps updating without a reload, and links to Orleans' dashboard, which loads behind the
/// same login. Screenshots are saved as test artefacts.</summary>
/// <remarks>The former check that a silo killed with SIGKILL shows as dead belonged to our silos view, now Orleans'
/// dashboard's; a two-silo check waits for PostgreSQL clustering (two silos on one machine do not form one cluster yet).</remarks>
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Username = "operator";
    private const string Password = "browser-test-password";

    [Fact]
    public async Task Dashboard_shows_the_demo_fleet_updates_live_and_links_to_the_Orleans_dashboard()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is required for the dashboard browser test and was not found at {ChromiumPath}: install Debian's package (apt-get install chromium).");
        await using var cluster = await SimulatedCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["Dashboard__Username"] = Username,
            ["Dashboard__Password"] = Password,
            ["Dashboard__RefreshInterval"] = "00:00:01",
        });
        var silo = cluster.Silos[0];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        await using var context = await browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = Username, Password = Password },
            ViewportSize = new() { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (consoleErrors) consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => { lock (consoleErrors) consoleErrors.Add("page error: " + error); };

        var response = await page.GotoAsync($"http://127.0.0.1:{silo.HttpPort}/");
        Assert.Equal(200, response?.Status);

        // Every demo account and pair listed, each with the silo that holds it; the simulator banner shown.
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#accounts tr[data-account-id]').length >= 3 && document.querySelectorAll('#pairs tr[data-pair-id]').length >= 2",
            null, new() { Timeout = 30_000 });
        var accounts = await page.EvalOnSelectorAllAsync<string[]>("#accounts tr[data-account-id]", "rows => rows.map(r => r.dataset.accountId)");
        Assert.Contains("demo-alice", accounts);
        var siloEndpoint = $"127.0.0.1:{silo.SiloPort}";
        await page.WaitForFunctionAsync(
            "endpoint => [...document.querySelectorAll('#accounts tr[data-account-id]')].every(r => r.cells[4].textContent === endpoint)",
            siloEndpoint, new() { Timeout = 30_000 });
        Assert.True(await page.IsVisibleAsync("#banner-simulated"), "the SIMULATED TELEGRAM banner is shown");
        Assert.Contains("SIMULATED TELEGRAM", await page.InnerTextAsync("#banner-simulated"));
        Assert.Contains(siloEndpoint, await page.InnerTextAsync("#self"));

        // It keeps polling: no reload needed.
        var updatesBefore = await page.EvalOnSelectorAsync<string>("body", "b => b.dataset.updates");
        await page.WaitForFunctionAsync("before => document.body.dataset.updates !== before", updatesBefore, new() { Timeout = 10_000 });
        Assert.Equal(response!.Url, page.Url);
        await SaveScreenshotAsync(page, "dashboard.png");
        Assert.True(consoleErrors.Count == 0, "console errors: " + string.Join(" | ", consoleErrors));

        // Orleans' dashboard (silos, grains, calls) is one click away, behind the same login.
        Assert.True(await page.IsVisibleAsync("#orleans-link"), "the link to Orleans' dashboard is shown");
        await page.ClickAsync("#orleans-link");
        await page.WaitForURLAsync("**/orleans/**", new() { Timeout = 10_000 });
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('Silos')", null, new() { Timeout = 30_000 });
        await SaveScreenshotAsync(page, "orleans-dashboard.png");
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        var screenshot = ArtifactPaths.For(name);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Console.WriteLine($"dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was written");
    }
}

using Cluster.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cluster.Dashboard.Tests.Browser;

/// <summary>The dashboard in real headless Chromium (Debian's package, driven by Playwright) against two silo processes
/// on the simulator: it loads without console errors, shows both silos and the demo accounts, and shows a silo killed
/// with SIGKILL as dead without a reload. A screenshot is saved as a test artefact.</summary>
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Username = "operator";
    private const string Password = "browser-test-password";

    [Fact]
    public async Task Dashboard_shows_both_silos_and_the_accounts_and_a_killed_silo_as_dead_without_reload()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is required for the dashboard browser test and was not found at {ChromiumPath}: install Debian's package (apt-get install chromium).");
        await using var cluster = await SimulatedCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["Dashboard__Username"] = Username,
            ["Dashboard__Password"] = Password,
            ["Dashboard__RefreshInterval"] = "00:00:01",
            ["Dashboard__SampleInterval"] = "00:00:01",
        });
        var doomed = cluster.Silos[0];
        var survivor = cluster.Silos[1];

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

        var response = await page.GotoAsync($"http://127.0.0.1:{survivor.HttpPort}/");
        Assert.Equal(200, response?.Status);

        // Both silos Active, every demo account listed, the simulator banner shown.
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#silos tr[data-status=\"Active\"]').length === 2 && document.querySelectorAll('#accounts tr[data-account-id]').length >= 3",
            null, new() { Timeout = 30_000 });
        var siloIds = await page.EvalOnSelectorAllAsync<string[]>("#silos tr[data-silo-id]", "rows => rows.map(r => r.dataset.siloId)");
        Assert.Equal(2, siloIds.Length);
        var accounts = await page.EvalOnSelectorAllAsync<string[]>("#accounts tr[data-account-id]", "rows => rows.map(r => r.dataset.accountId)");
        Assert.Contains("demo-alice", accounts);
        Assert.True(await page.IsVisibleAsync("#banner-simulated"), "the SIMULATED TELEGRAM banner is shown");
        Assert.Contains("SIMULATED TELEGRAM", await page.InnerTextAsync("#banner-simulated"));
        var updatesBefore = await page.EvalOnSelectorAsync<string>("body", "b => b.dataset.updates");

        doomed.Kill();
        var doomedId = cluster.SiloIds[0];
        output.WriteLine($"killed silo {doomedId} (SIGKILL); waiting for the page to show it dead");

        // The page learns it from its own polling: no reload.
        await page.WaitForFunctionAsync(
            "id => { const row = document.querySelector(`#silos tr[data-silo-id=\"${id}\"]`); return !row || row.dataset.status === 'Dead'; }",
            doomedId, new() { Timeout = 40_000 });
        var updatesAfter = await page.EvalOnSelectorAsync<string>("body", "b => b.dataset.updates");
        Assert.NotEqual(updatesBefore, updatesAfter);
        Assert.Equal(1, await page.Locator("#silos tr[data-status=\"Active\"]").CountAsync());
        // The accounts stay listed while their grains (and the registry) move to the surviving silo.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#accounts tr[data-account-id]').length >= 3", null, new() { Timeout = 30_000 });
        Assert.Equal(response!.Url, page.Url);

        var screenshot = ArtifactPaths.For("dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Console.WriteLine($"dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was written");
        Assert.True(consoleErrors.Count == 0, "console errors: " + string.Join(" | ", consoleErrors));
    }
}

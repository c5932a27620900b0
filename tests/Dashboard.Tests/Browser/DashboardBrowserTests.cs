using Cluster.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cluster.Dashboard.Tests.Browser;

/// <summary>Both dashboards in real headless Chromium (Debian's package, driven by Playwright) against two silo processes
/// on PostgreSQL and the simulator: our Telegram page loads without console errors, shows the demo accounts, pairs and
/// group with the silo that holds each and the SIMULATED TELEGRAM banner, keeps updating without a reload, and links to
/// Orleans' dashboard, which loads behind the same login and lists both silos. Then the silo holding an account is killed
/// with SIGKILL: Orleans' dashboard shows it dead and our page shows its accounts held by the survivor. Screenshots of
/// every step are saved as test artefacts. (It needs PostgreSQL too; it runs in the Browser pass of tools/test.sh.)</summary>
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Both_dashboards_follow_two_silos_and_a_silo_killed_with_sigkill()
    {
        await using var browser = await DashboardBrowser.OpenAsync(output);
        await using var cluster = await SimulatedCluster.StartAsync(2, new Dictionary<string, string>(DashboardBrowser.SiloSettings)
        {
            // A killed silo is declared dead within seconds (the failover tests' settings).
            ["Cluster__Membership__ProbeTimeout"] = "00:00:01",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
        });
        var endpoints = cluster.Silos.Select(s => $"127.0.0.1:{s.SiloPort}").ToArray();

        var page = browser.Page;

        // Every demo account and pair listed, each held by one of the two silos; the simulator banner shown.
        var response = await page.GotoAsync($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/");
        Assert.Equal(200, response?.Status);
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#accounts tr[data-account-id]').length >= 3 && document.querySelectorAll('#pairs tr[data-pair-id]').length >= 2",
            null, new() { Timeout = 30_000 });
        var accounts = await page.EvalOnSelectorAllAsync<string[]>("#accounts tr[data-account-id]", "rows => rows.map(r => r.dataset.accountId)");
        Assert.Contains("demo-alice", accounts);
        await page.WaitForFunctionAsync(
            "endpoints => [...document.querySelectorAll('#accounts tr[data-account-id]')].every(r => endpoints.includes(r.cells[4].textContent))",
            endpoints, new() { Timeout = 30_000 });
        Assert.True(await page.IsVisibleAsync("#banner-simulated"), "the SIMULATED TELEGRAM banner is shown");
        Assert.Contains("SIMULATED TELEGRAM", await page.InnerTextAsync("#banner-simulated"));
        Assert.Contains(endpoints[0], await page.InnerTextAsync("#self"));

        // It keeps polling: no reload needed.
        var updatesBefore = await page.EvalOnSelectorAsync<string>("body", "b => b.dataset.updates");
        await page.WaitForFunctionAsync("before => document.body.dataset.updates !== before", updatesBefore, new() { Timeout = 10_000 });
        Assert.Equal(response!.Url, page.Url);
        await browser.SaveScreenshotAsync("dashboard-two-silos.png");

        // Orleans' dashboard is one click away, behind the same login, and knows both silos.
        Assert.True(await page.IsVisibleAsync("#orleans-link"), "the link to Orleans' dashboard is shown");
        browser.Phase = "orleans";
        await page.ClickAsync("#orleans-link");
        await page.WaitForURLAsync("**/orleans/**", new() { Timeout = 10_000 });
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('Silos')", null, new() { Timeout = 30_000 });
        await WaitForSilosAsync(page, active: 2, dead: 0);
        await browser.SaveScreenshotAsync("orleans-dashboard-two-silos.png");
        await page.GotoAsync($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/orleans/#/silos");
        await page.WaitForFunctionAsync("endpoints => endpoints.every(e => document.body.innerText.includes(e + '@'))",
            endpoints, new() { Timeout = 30_000 });
        await browser.SaveScreenshotAsync("orleans-silos-two-silos.png");

        // SIGKILL the silo that holds demo-alice; watch from the other one.
        var aliceSilo = await AccountSiloAsync(cluster.Silos[0], "demo-alice");
        var victim = Array.IndexOf(endpoints, aliceSilo);
        Assert.True(victim >= 0, $"demo-alice is held by {aliceSilo}, not by one of {string.Join(", ", endpoints)}");
        var survivor = 1 - victim;
        output.WriteLine($"demo-alice on {aliceSilo}: killing silo {victim + 1}, watching from silo {survivor + 1}");
        browser.Phase = "kill";
        cluster.Silos[victim].Kill();

        await page.GotoAsync($"http://127.0.0.1:{cluster.Silos[survivor].HttpPort}/orleans/");
        await WaitForSilosAsync(page, active: 1, dead: 1);
        // Orleans' dashboard may still answer its counters with 500 now and then after the membership declared the silo dead
        // (its own grains' calls to the dead silo still failing; a CI run saw it again after three good answers in a row). Its
        // state is what is asserted on its pages below; its counters' failures meanwhile are reported, not counted.
        await page.WaitForFunctionAsync(
            @"async () => {
                const r = await fetch('/orleans/DashboardCounters', { cache: 'no-store' });
                window.__countersOk = r.ok ? (window.__countersOk ?? 0) + 1 : 0;
                return window.__countersOk >= 3;
            }",
            null, new() { Timeout = 60_000, PollingInterval = 1000 });
        browser.Phase = "orleans-after";
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('Silos')", null, new() { Timeout = 30_000 });
        await browser.SaveScreenshotAsync("orleans-dashboard-after-sigkill.png");
        // Its silos view lists only the survivor, active (the dead silo is counted dead by its API above, not listed).
        await page.GotoAsync($"http://127.0.0.1:{cluster.Silos[survivor].HttpPort}/orleans/#/silos");
        await page.WaitForFunctionAsync(
            "([alive, dead]) => document.body.innerText.includes(alive + '@') && !document.body.innerText.includes(dead + '@') && document.body.innerText.includes('Active')",
            new[] { endpoints[survivor], endpoints[victim] }, new() { Timeout = 30_000 });
        await browser.SaveScreenshotAsync("orleans-silos-after-sigkill.png");

        // Our page, from here on, may show no error at all.
        browser.Phase = "after";
        await page.GotoAsync($"http://127.0.0.1:{cluster.Silos[survivor].HttpPort}/");
        await page.WaitForFunctionAsync(
            "endpoint => { const rows = [...document.querySelectorAll('#accounts tr[data-account-id]')]; return rows.length >= 3 && rows.every(r => r.cells[4].textContent === endpoint); }",
            endpoints[survivor], new() { Timeout = 60_000 });
        await browser.SaveScreenshotAsync("dashboard-after-sigkill.png");
        // Until the membership declares the killed silo dead, Orleans' dashboard answers its own counters with 500/503
        // (its calls to the dead silo fail) and the page left on the killed silo cannot connect: expected in the "kill"
        // phase, and in Orleans' own pages right after it ("orleans-after"), and only reported. Before the kill, and on our
        // page afterwards, nothing may fail.
        var errors = browser.Errors;
        static bool Reported(string e) => e.StartsWith("[kill]", StringComparison.Ordinal) || e.StartsWith("[orleans-after]", StringComparison.Ordinal);
        foreach (var error in errors.Where(Reported)) output.WriteLine("while the silo was dying or Orleans' dashboard recovering: " + error);
        var unexpected = errors.Where(e => !Reported(e)).ToList();
        Assert.True(unexpected.Count == 0, "console errors: " + string.Join(" | ", unexpected));
    }

    /// <summary>Waits until Orleans' dashboard, read through its own JSON API in the page (the data its silo view shows),
    /// counts <paramref name="active"/> active and <paramref name="dead"/> dead silos.</summary>
    private static async Task WaitForSilosAsync(IPage page, int active, int dead)
        => await page.WaitForFunctionAsync(
            @"async ([active, dead]) => {
                const r = await fetch('/orleans/DashboardCounters', { cache: 'no-store' });
                if (!r.ok) return false;
                const c = await r.json();
                const hosts = c.hosts ?? c.Hosts ?? [];
                const status = h => String(h.status ?? h.Status);
                return hosts.filter(h => status(h) === 'Active').length === active && hosts.filter(h => status(h) === 'Dead').length === dead;
            }",
            new[] { active, dead }, new() { Timeout = 60_000, PollingInterval = 1000 });

    /// <summary>The silo endpoint our dashboard API names for <paramref name="accountId"/>.</summary>
    private static async Task<string> AccountSiloAsync(Silo.Tests.Infrastructure.SiloProcess silo, string accountId)
    {
        using var document = await DashboardBrowser.TelegramApiAsync(silo);
        foreach (var account in document.RootElement.GetProperty("accounts").EnumerateArray())
        {
            if (account.GetProperty("accountId").GetString() == accountId) return account.GetProperty("siloId").GetString() ?? "";
        }
        throw new InvalidOperationException($"{accountId} is not on the dashboard");
    }
}

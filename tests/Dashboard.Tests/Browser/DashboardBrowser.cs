using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cluster.Dashboard.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cluster.Dashboard.Tests.Browser;

/// <summary>One page in real headless Chromium (Debian's package, driven by Playwright), logged in to the dashboards with the
/// browser tests' credentials. It records every console error, page error and HTTP answer of 400 or more, each labelled with
/// the test's current <see cref="Phase"/>, and saves full-page screenshots as test artefacts.</summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Username = "operator";
    public const string Password = "browser-test-password";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _errors = [];

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        Page = page;
        _output = output;
        page.Console += (_, message) => { if (message.Type == "error") Record(message.Text); };
        page.PageError += (_, error) => Record("page error: " + error);
        page.Response += (_, r) => { if (r.Status >= 400) Record($"HTTP {r.Status} {r.Url}"); };
    }

    /// <summary>The settings every silo of a browser test gets: the dashboards' login, and a page that asks every second.</summary>
    public static IReadOnlyDictionary<string, string> SiloSettings { get; } = new Dictionary<string, string>
    {
        ["Dashboard__Username"] = Username,
        ["Dashboard__Password"] = Password,
        ["Dashboard__RefreshInterval"] = "00:00:01",
    };

    public IPage Page { get; }

    /// <summary>The step of the test the errors recorded from now on belong to (the prefix "[phase]" of each).</summary>
    public string Phase { get; set; } = "start";

    /// <summary>Every error recorded so far, as "[phase] text".</summary>
    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return [.. _errors]; }
    }

    public static async Task<DashboardBrowser> OpenAsync(ITestOutputHelper output)
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is required for the dashboard browser tests and was not found at {ChromiumPath}: install Debian's package (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
            var context = await browser.NewContextAsync(new()
            {
                HttpCredentials = new() { Username = Username, Password = Password },
                ViewportSize = new() { Width = 1400, Height = 1000 },
            });
            return new DashboardBrowser(playwright, browser, context, await context.NewPageAsync(), output);
        }
        catch
        {
            if (browser is not null) await browser.DisposeAsync();
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot of the page as the artefact <paramref name="name"/> and names it in the test's output.</summary>
    public async Task SaveScreenshotAsync(string name)
    {
        var screenshot = ArtifactPaths.For(name);
        await Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        _output.WriteLine($"screenshot: {screenshot}");
        Console.WriteLine($"dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was written");
    }

    /// <summary>What <c>/dashboard/api/telegram</c> of <paramref name="silo"/> answers, read with the same login outside the browser.</summary>
    public static async Task<JsonDocument> TelegramApiAsync(SiloProcess silo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard/api/telegram");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        using var response = await silo.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private void Record(string error)
    {
        lock (_errors) _errors.Add($"[{Phase}] {error}");
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging.Console;

namespace Cluster.Silo.Hosting;

/// <summary>The in-process Telegram simulator of the embedded default, on its own small web server on a loopback port.
/// It is configured only in code (from the silo's <c>TelegramSim</c> section) and logs warnings only, as JSON like the
/// silo, so the silo's own first lines (SIMULATED Telegram, where to look) are what a user reads first.</summary>
public sealed class EmbeddedSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedSimulator(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens, with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; }

    public static async Task<EmbeddedSimulator> StartAsync(TelegramSimulatorOptions options, Action<JsonConsoleFormatterOptions> jsonLogs)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        // Not the silo's appsettings.json or environment: those configure the silo.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.ClearProviders().AddJsonConsole(jsonLogs).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTelegramSimulator(options);
        var app = builder.Build();
        app.MapTelegramSimulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + options.PathPrefix + "/");
        return new EmbeddedSimulator(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

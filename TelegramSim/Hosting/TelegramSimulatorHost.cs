using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.Hosting;

/// <summary>A simulator running on its own web server in this process (tests, benchmarks, the
/// standalone executable). Dispose to stop it.</summary>
public sealed class TelegramSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelegramSimulatorHost(WebApplication app, TelegramSimulator simulator, Uri baseUrl)
    {
        _app = app;
        Simulator = simulator;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/ (with the path prefix, if any, and a trailing slash).</summary>
    public Uri BaseUrl { get; }

    public TelegramSimulator Simulator { get; }
    public SimWorld World => Simulator.World;
    public SimFaultInjector Faults => Simulator.Faults;
    public SimCallLog Calls => Simulator.Calls;
    public Traffic.SimTrafficGenerator Traffic => _app.Services.GetRequiredService<Traffic.SimTrafficGenerator>();

    /// <summary>The Bot API base URL of a bot: {BaseUrl}bot{token}/ (append the method name).</summary>
    public Uri BotApiUrl(string token) => new(BaseUrl + "bot" + token + "/");

    internal static async Task<TelegramSimulatorHost> StartAsync(TelegramSimulatorOptions options, CancellationToken cancellationToken,
        Action<WebApplicationBuilder>? configure = null)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTelegramSimulator(options);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapTelegramSimulator();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/')
            + options.PathPrefix + "/");
        var simulator = app.Services.GetRequiredService<TelegramSimulator>();
        var world = simulator.World;
        SimLog.Started(app.Services.GetRequiredService<ILogger<TelegramSimulatorHost>>(), baseUrl.ToString(), world.GetUsers().Count, world.GetBots().Count, world.GetChats().Count);
        return new TelegramSimulatorHost(app, simulator, baseUrl);
    }

    /// <summary>Runs until the host is stopped (standalone executable).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(5) is var t ? new CancellationTokenSource(t).Token : default).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

using Cluster.TestSupport.Network;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Tests.Security;

/// <summary>Silos and clients configured as the product's (<c>UseClusterSilo</c>, <c>UseClusterClient</c>) in this process,
/// each with settings of its own (its certificate), on free loopback ports; what they log at warning level and above (and
/// the TLS middleware's refusals) is kept in <see cref="Log"/>.</summary>
public sealed class TlsCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string?> common;
    private readonly List<IHost> hosts = [];

    public TlsCluster(Dictionary<string, string?> common) => this.common = common;

    public ConcurrentQueue<LogLine> Log { get; } = new();

    /// <summary>Settings for the embedded default: SQLite, one silo, localhost clustering.</summary>
    public static Dictionary<string, string?> Sqlite(string folder, string cluster) => new()
    {
        ["Cluster:Storage:Provider"] = "Sqlite",
        ["Cluster:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, cluster + ".db")}",
        ["Cluster:ClusterId"] = cluster,
        ["Cluster:ServiceId"] = cluster,
    };

    /// <summary>Settings for PostgreSQL clustering (several silos).</summary>
    public static Dictionary<string, string?> Postgres(string connectionString, string cluster) => new()
    {
        ["Cluster:Storage:Provider"] = "Postgres",
        ["Cluster:Storage:ConnectionString"] = connectionString,
        ["Cluster:ClusterId"] = cluster,
        ["Cluster:ServiceId"] = cluster,
    };

    /// <summary>Builds a silo named <paramref name="name"/> (not started): common settings, then <paramref name="own"/>,
    /// then <paramref name="more"/> Orleans configuration.</summary>
    public IHost BuildSilo(string name, Dictionary<string, string?>? own = null, Action<ISiloBuilder>? more = null)
    {
        var settings = new Dictionary<string, string?>(common)
        {
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        foreach (var (k, v) in own ?? []) settings[k] = v;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        Capture(builder.Logging, name);
        builder.UseOrleans(silo =>
        {
            silo.UseClusterSilo(builder.Configuration);
            silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = name);
            // A silo refused by the cluster is declared dead and would end the whole test process (Environment.FailFast).
            silo.Services.AddSingleton<IFatalErrorHandler>(new RecordingFatalErrorHandler(this, name));
            more?.Invoke(silo);
        });
        var host = builder.Build();
        hosts.Add(host);
        return host;
    }

    public async Task<IHost> StartSiloAsync(string name, Dictionary<string, string?>? own = null, Action<ISiloBuilder>? more = null)
    {
        var silo = BuildSilo(name, own, more);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await silo.StartAsync(timeout.Token);
        return silo;
    }

    /// <summary>Builds a client (not started). With SQLite it finds the silo <paramref name="gatewayOf"/> by its gateway port.</summary>
    public IHost BuildClient(string name, IHost? gatewayOf = null, Dictionary<string, string?>? own = null, Action<IClientBuilder>? more = null)
    {
        var settings = new Dictionary<string, string?>(common);
        if (gatewayOf is not null) settings["Cluster:GatewayPort"] = GatewayPort(gatewayOf).ToString();
        foreach (var (k, v) in own ?? []) settings[k] = v;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        Capture(builder.Logging, name);
        builder.UseOrleansClient(client =>
        {
            client.UseClusterClient(builder.Configuration);
            more?.Invoke(client);
        });
        var host = builder.Build();
        hosts.Add(host);
        return host;
    }

    public async Task<IClusterClient> StartClientAsync(string name, IHost? gatewayOf = null, Dictionary<string, string?>? own = null)
    {
        var client = BuildClient(name, gatewayOf, own);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await client.StartAsync(timeout.Token);
        return client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Starts a client that must be refused: <paramref name="refusedBy"/> (a silo, or the client itself) logs a failed
    /// TLS handshake, and the client does not start (Orleans' client keeps retrying the gateway, so its start either fails
    /// or never completes); then the client is stopped. <paramref name="reason"/>, when given, is part of the logged failure.</summary>
    public async Task AssertClientRefusedAsync(IHost client, string refusedBy, string? reason = null)
    {
        var before = TlsRefusals(refusedBy, reason);
        var start = client.StartAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (TlsRefusals(refusedBy, reason) == before && !start.IsCompleted && DateTime.UtcNow < until) await Task.Delay(100);
        // A client that passed the handshake would finish starting within moments.
        await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.False(start.IsCompletedSuccessfully, $"the client connected: {Dump()}");
        Assert.True(TlsRefusals(refusedBy, reason) > before, $"{refusedBy} logged no failed TLS handshake{(reason is null ? "" : $" ({reason})")}: {Dump()}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await client.StopAsync(timeout.Token); } catch (Exception) { }
        await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(5)));
        if (start.IsCompleted) _ = start.Exception;
    }

    public static int SiloPort(IHost silo) => int.Parse(silo.Services.GetRequiredService<IConfiguration>()["Cluster:SiloPort"]!);

    public static int GatewayPort(IHost silo) => int.Parse(silo.Services.GetRequiredService<IConfiguration>()["Cluster:GatewayPort"]!);

    /// <summary>How many TLS handshakes <paramref name="source"/> logged as failed (Orleans' TLS middleware), with
    /// <paramref name="reason"/> in the failure when given.</summary>
    public int TlsRefusals(string source, string? reason = null) =>
        Log.Count(l => l.Source == source && l.Category.StartsWith("Orleans.Connections.Security.", StringComparison.Ordinal)
            && l.Message.Contains("Authentication failed", StringComparison.Ordinal)
            && (reason is null || (l.Exception ?? "").Contains(reason, StringComparison.Ordinal)));

    /// <summary>True when <paramref name="source"/> logged that a TLS handshake failed.</summary>
    public bool TlsRefusalLoggedBy(string source) => TlsRefusals(source) > 0;

    public string Dump() => string.Join(Environment.NewLine, Log.Select(l => l.ToString()));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts))
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await host.StopAsync(timeout.Token);
            }
            catch (Exception)
            {
                // A host that never started, or is stopping already.
            }
            host.Dispose();
        }
    }

    private void Capture(ILoggingBuilder logging, string source)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddProvider(new CapturingProvider(this, source));
    }


    private sealed class RecordingFatalErrorHandler(TlsCluster cluster, string source) : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => exception is not ThreadAbortException;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
            cluster.Log.Enqueue(new LogLine(source, "FATAL", LogLevel.Critical, context ?? "", exception?.Message));
    }

    public sealed record LogLine(string Source, string Category, LogLevel Level, string Message, string? Exception)
    {
        public override string ToString() => $"[{Source}] {Level} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
    }

    private sealed class CapturingProvider(TlsCluster cluster, string source) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(cluster, source, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(TlsCluster cluster, string source, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (cluster.Log.Count < 5000)
                cluster.Log.Enqueue(new LogLine(source, category, logLevel, formatter(state, exception), exception is null ? null : $"{exception.GetType().Name}: {exception.Message}"));
        }
    }
}

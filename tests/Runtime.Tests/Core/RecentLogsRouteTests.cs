using System.Net;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Core;

/// <summary>/cluster/v1/logs: a silo serves the warnings its host keeps (IRecentLogSource) to holders of the cluster
/// secret, so the dashboard of any silo can show the whole cluster's log tail.</summary>
public sealed class RecentLogsRouteTests
{
    [Fact]
    public async Task Logs_route_serves_the_hosts_recent_entries_after_a_sequence_and_refuses_a_wrong_secret()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        var source = new FixedLogSource(
            new RecentLogEntry(1, DateTimeOffset.UtcNow, "Warning", "Test", 7, "first warning", null, null),
            new RecentLogEntry(2, DateTimeOffset.UtcNow, "Error", "Test", 8, "second error", "InvalidOperationException: boom", null));
        await using var app = await StartAsync(database, services => services.AddSingleton<IRecentLogSource>(source));
        using var messenger = new SiloMessenger(new ClusterSecret(TestSilo.Secret), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        var all = await messenger.GetAsync(app.Address, ClusterHeaders.LogsPath, RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry, CancellationToken.None);
        var later = await messenger.GetAsync(app.Address, ClusterHeaders.LogsPath + "?after=1", RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry, CancellationToken.None);

        Assert.Equal(["first warning", "second error"], all.Select(e => e.Message));
        Assert.Equal("second error", Assert.Single(later).Message);
        using var stranger = new SiloMessenger(new ClusterSecret("a-different-secret-0123456789"), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<GrainCallException>(() =>
            stranger.GetAsync(app.Address, ClusterHeaders.LogsPath, RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry, CancellationToken.None));
    }

    [Fact]
    public async Task Logs_route_answers_an_empty_list_when_the_host_keeps_no_log()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var app = await StartAsync(database, _ => { });
        using var messenger = new SiloMessenger(new ClusterSecret(TestSilo.Secret), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        var entries = await messenger.GetAsync(app.Address, ClusterHeaders.LogsPath, RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry, CancellationToken.None);

        Assert.Empty(entries);
    }

    private static async Task<RunningSilo> StartAsync(TestDatabase database, Action<IServiceCollection> configure)
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = TestSilo.Secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Storage:Provider"] = database.Options.Provider.ToString(),
            ["Cluster:Storage:ConnectionString"] = database.Options.ConnectionString,
        });
        builder.Logging.ClearProviders();
        builder.UseClusterRuntime(cluster => cluster
            .AddGrains(typeof(TestSilo).Assembly, typeof(CounterGrain).Namespace)
            .AddGrainJsonContext(CoreTestJsonContext.Default));
        configure(builder.Services);
        var app = builder.Build();
        await app.StartAsync();
        return new RunningSilo(app, $"http://127.0.0.1:{port}");
    }

    private sealed record RunningSilo(WebApplication App, string Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private sealed class FixedLogSource(params RecentLogEntry[] entries) : IRecentLogSource
    {
        public IReadOnlyList<RecentLogEntry> Recent(long afterSequence = 0) => [.. entries.Where(e => e.Sequence > afterSequence)];
    }
}

using Cluster.TestSupport.Network;
using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Serialization;
using Cluster.Hosting.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cluster.Hosting.Tests.Sqlite.Support;

/// <summary>The embedded default in miniature: one silo with localhost clustering whose grain state (as JSON) and
/// reminders live in the given SQLite file. Stopping it and starting another on the same file is a restart.</summary>
public sealed class SqliteSilo : IAsyncDisposable
{
    public const string ServiceId = "sqlite-tests";
    public const string StorageName = "sqlite";

    /// <summary>A second grain storage on the same file that deletes the row on clear (DeleteStateOnClear).</summary>
    public const string DeletingStorageName = "sqlite-delete-on-clear";

    private readonly IHost host;

    private SqliteSilo(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SqliteSilo> StartAsync(string connectionString)
    {
        var host = new HostBuilder()
            .UseOrleans(silo => silo
                // Ports of its own: tests run side by side, and a restarted silo should not wait for its old ports.
                .UseLocalhostClustering(FreePorts.Next(), FreePorts.Next(), serviceId: ServiceId, clusterId: ServiceId)
                .AddSqliteGrainStorage(StorageName, options =>
                {
                    options.ConnectionString = connectionString;
                    options.GrainStorageSerializer = new JsonGrainStateSerializer(SqliteTestJsonContext.Default);
                })
                .AddSqliteGrainStorage(DeletingStorageName, options =>
                {
                    options.ConnectionString = connectionString;
                    options.GrainStorageSerializer = new JsonGrainStateSerializer(SqliteTestJsonContext.Default);
                    options.DeleteStateOnClear = true;
                })
                .UseSqliteReminderService(options => options.ConnectionString = connectionString)
                .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1)))
            .Build();
        await host.StartAsync();
        return new SqliteSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

}

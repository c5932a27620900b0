using Cluster.TestSupport.Network;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>Two real silos and a client, all on Orleans' ADO.NET providers (clustering, grain storage "Default",
/// reminders) over one database prepared by <see cref="Storage.Postgres.PostgresClusterSchema"/>.</summary>
public sealed class TwoSiloPostgresCluster : IAsyncLifetime
{
    public const string ClusterId = "pg-silo-tests";
    public const string ServiceId = "pg-silo-service";

    private readonly List<IHost> silos = [];

    public FreshDatabase Database { get; private set; } = null!;

    public IHost Client { get; private set; } = null!;

    public IClusterClient ClusterClient => Client.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<IHost> Silos => silos;

    /// <summary>Warnings and errors the silos and the client logged, for failure messages.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await FreshDatabase.CreateWithSchemaAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        for (var i = 1; i <= 2; i++)
        {
            var silo = BuildSilo($"pg-silo-{i}");
            silos.Add(silo);
            await silo.StartAsync(timeout.Token);
        }
        Client = BuildClient();
        await Client.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var host in new[] { Client }.Concat(Enumerable.Reverse(silos)).Where(h => h is not null))
        {
            try
            {
                await host.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
            host.Dispose();
        }
        await Database.DisposeAsync();
    }

    private IHost BuildSilo(string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging, name);
        var connectionString = Database.ConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage("Default", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // The same table, but clearing deletes the row (DeleteStorageKey).
            silo.AddAdoNetGrainStorage("DeleteOnClear", o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // Test reminders tick every second.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        return builder.Build();
    }

    private IHost BuildClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging, "client");
        var connectionString = Database.ConnectionString;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
            // The client finds the gateways through the membership table (GatewaysQueryKey).
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        });
        return builder.Build();
    }

    private void ConfigureLogging(ILoggingBuilder logging, string name)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddProvider(new QueueLoggerProvider(Log, name));
    }


    private sealed class QueueLoggerProvider(ConcurrentQueue<string> queue, string name) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(queue, $"{name} {categoryName}");

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> queue, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && queue.Count < 500)
            {
                queue.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}

[Trait("Category", "Postgres")]
public sealed class PostgresSiloTests(TwoSiloPostgresCluster cluster) : IClassFixture<TwoSiloPostgresCluster>
{
    [Fact]
    public async Task Both_silos_joined_and_are_active_in_the_membership_table()
    {
        var statuses = await WaitForAsync(
            () => cluster.Database.ColumnAsync<int>("SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = $1", TwoSiloPostgresCluster.ClusterId),
            s => s.Count == 2 && s.All(status => status == (int)SiloStatus.Active));

        Assert.True(statuses.Count == 2 && statuses.All(s => s == (int)SiloStatus.Active),
            $"membership statuses: [{string.Join(", ", statuses)}]\n{string.Join('\n', cluster.Log)}");
        Assert.Equal(
            ["pg-silo-1", "pg-silo-2"],
            (await cluster.Database.ColumnAsync<string>("SELECT SiloName FROM OrleansMembershipTable")).Order(StringComparer.Ordinal));
        // Two joins (each a version change) at least; later status changes only add to it.
        Assert.True(await cluster.Database.ScalarAsync<int>("SELECT Version FROM OrleansMembershipVersionTable") >= 2);
        // Both silos see each other.
        foreach (var silo in cluster.Silos)
        {
            var view = silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;
            Assert.Equal(2, view.Members.Values.Count(m => m.Status == SiloStatus.Active));
        }
    }

    [Fact]
    public async Task State_a_grain_wrote_is_read_back_after_its_deactivation()
    {
        var grain = cluster.ClusterClient.GetGrain<IPgCounterGrain>("counter-deactivation");
        Assert.Equal(5, await grain.AddAsync(5));
        Assert.Equal(12, await grain.AddAsync(7));
        var before = await grain.ReadAsync();

        await grain.DeactivateAsync();
        var after = await WaitForAsync(grain.ReadAsync, r => r.Activation != before.Activation);

        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal(12, after.Value);
        Assert.True(after.RecordExists);
        Assert.Equal("2", after.ETag);
        Assert.Equal(2, await cluster.Database.ScalarAsync<int>(
            "SELECT Version FROM OrleansStorage WHERE ServiceId = $1 AND GrainIdExtensionString = $2",
            TwoSiloPostgresCluster.ServiceId, "counter-deactivation"));
    }

    [Fact]
    public async Task A_second_writer_with_a_stale_ETag_is_refused()
    {
        var storage = cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var grainId = GrainId.Create("pgcounter", "stale-etag");

        // Both writers read "no state"; the first adds it, the second (ETag null) may not add it again.
        var first = await ReadAsync(storage, grainId);
        var second = await ReadAsync(storage, grainId);
        first.State!.Value = 1;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, first);
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(PgCounterGrain.StateName, grainId, second));

        // Both read version 1; the first writes version 2; the second still holds 1.
        first = await ReadAsync(storage, grainId);
        second = await ReadAsync(storage, grainId);
        Assert.Equal("1", second.ETag);
        first.State!.Value = 10;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, first);
        Assert.Equal("2", first.ETag);
        second.State!.Value = 20;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(PgCounterGrain.StateName, grainId, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(PgCounterGrain.StateName, grainId, second));

        var stored = await ReadAsync(storage, grainId);
        Assert.Equal(10, stored.State!.Value);
        Assert.Equal("2", stored.ETag);

        // Clearing with the current ETag keeps the row and counts on; the state reads as absent.
        await storage.ClearStateAsync(PgCounterGrain.StateName, grainId, stored);
        Assert.Equal("3", stored.ETag);
        var cleared = await ReadAsync(storage, grainId);
        Assert.False(cleared.RecordExists);
        Assert.Equal(0, cleared.State!.Value);
        Assert.Equal("3", cleared.ETag);
        cleared.State!.Value = 99;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, cleared);
        Assert.Equal(99, (await ReadAsync(storage, grainId)).State!.Value);
    }

    [Fact]
    public async Task A_grain_whose_state_was_changed_behind_its_back_gets_InconsistentStateException()
    {
        var grain = cluster.ClusterClient.GetGrain<IPgCounterGrain>("counter-behind-its-back");
        Assert.Equal(1, await grain.AddAsync(1));
        // Another writer (e.g. a duplicate activation after a split) writes the same state.
        var storage = cluster.Silos[1].Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var other = await ReadAsync(storage, grain.GetGrainId());
        other.State!.Value = 100;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1));
        Assert.Equal(100, (await ReadAsync(storage, grain.GetGrainId())).State!.Value);
    }

    [Fact]
    public async Task A_reminder_a_grain_registered_fires_is_listed_and_is_unregistered()
    {
        var grain = cluster.ClusterClient.GetGrain<IPgReminderGrain>("reminding");
        var key = "reminding/tick";
        PgReminderGrain.Ticks.TryRemove(key, out _);

        await grain.StartAsync("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal(["tick"], await grain.ListAsync());
        var grainId = grain.GetGrainId().ToString();
        Assert.Equal(["tick"], await cluster.Database.ColumnAsync<string>(
            "SELECT ReminderName FROM OrleansRemindersTable WHERE ServiceId = $1 AND GrainId = $2", TwoSiloPostgresCluster.ServiceId, grainId));
        var ticks = await WaitForAsync(() => Task.FromResult(PgReminderGrain.Ticks.GetValueOrDefault(key)), n => n >= 2, TimeSpan.FromSeconds(30));
        Assert.True(ticks >= 2, $"the reminder ticked {ticks} times\n{string.Join('\n', cluster.Log)}");

        await grain.StopAsync("tick");

        Assert.Empty(await grain.ListAsync());
        Assert.Empty(await cluster.Database.ColumnAsync<string>(
            "SELECT ReminderName FROM OrleansRemindersTable WHERE ServiceId = $1 AND GrainId = $2", TwoSiloPostgresCluster.ServiceId, grainId));
    }

    [Fact]
    public async Task Clearing_with_DeleteStateOnClear_deletes_the_row_and_the_next_write_starts_again()
    {
        var storage = cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>("DeleteOnClear");
        var grainId = GrainId.Create("pgcounter", "delete-on-clear");
        var state = await ReadAsync(storage, grainId);
        state.State!.Value = 3;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, state);
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, state);
        Assert.Equal("2", state.ETag);
        var stale = await ReadAsync(storage, grainId);
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(PgCounterGrain.StateName, grainId, stale));
        await storage.ClearStateAsync(PgCounterGrain.StateName, grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await cluster.Database.ScalarAsync<long>(
            "SELECT count(*) FROM OrleansStorage WHERE GrainIdExtensionString = 'delete-on-clear'"));
        var fresh = await ReadAsync(storage, grainId);
        Assert.False(fresh.RecordExists);
        fresh.State!.Value = 4;
        await storage.WriteStateAsync(PgCounterGrain.StateName, grainId, fresh);
        Assert.Equal("1", fresh.ETag);
    }

    private static async Task<GrainState<PgCounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<PgCounterState>(new PgCounterState());
        await storage.ReadStateAsync(PgCounterGrain.StateName, grainId, state);
        return state;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }
}

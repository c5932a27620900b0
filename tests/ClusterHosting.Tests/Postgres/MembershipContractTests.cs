using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>Orleans' own ADO.NET membership table (the class silos use) against our scripts: the version check of
/// every change, heartbeats, gateways and both cleanup paths.</summary>
[Trait("Category", "Postgres")]
public sealed class MembershipContractTests : IAsyncLifetime
{
    private const string ClusterId = "contract-cluster";
    private FreshDatabase database = null!;
    private AdoNetClusteringTable table = null!;

    public async Task InitializeAsync()
    {
        database = await FreshDatabase.CreateWithSchemaAsync();
        table = NewTable(database.ConnectionString, ClusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_fresh_cluster_has_version_zero_and_no_silos_and_initializing_again_keeps_it()
    {
        var data = await table.ReadAllAsync();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);

        await NewTable(database.ConnectionString, ClusterId).InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM OrleansMembershipVersionTable"));
    }

    [Fact]
    public async Task Inserting_needs_the_current_version_and_increments_it()
    {
        var version = (await table.ReadAllAsync()).Version;
        var silo = Entry(11111, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(silo, version.Next()));
        // The same version again is stale now; so is inserting the same silo at the new version.
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), version.Next()));
        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.False(await table.InsertRowAsync(silo, data.Version.Next()));
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);

        var (read, etag) = Assert.Single(data.Members);
        Assert.Equal(silo.SiloAddress, read.SiloAddress);
        Assert.Equal(silo.SiloName, read.SiloName);
        Assert.Equal(silo.HostName, read.HostName);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(silo.ProxyPort, read.ProxyPort);
        Assert.Equal(silo.StartTime, read.StartTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("1", etag);
    }

    [Fact]
    public async Task Updating_needs_the_current_version_and_keeps_status_and_suspicions()
    {
        var silo = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var data = await table.ReadAllAsync();
        var (entry, etag) = data.Members[0];

        entry.Status = SiloStatus.Active;
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 22222, 7), DateTime.UtcNow)];
        Assert.True(await table.UpdateRowAsync(entry, etag, data.Version.Next()));
        // The version read before that update is stale now.
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, etag, data.Version.Next()));

        var after = await table.ReadRowAsync(silo.SiloAddress);
        Assert.Equal(2, after.Version.Version);
        var (read, _) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Active, read.Status);
        var suspicion = Assert.Single(read.SuspectTimes ?? []);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 22222, 7), suspicion.Item1);
    }

    [Fact]
    public async Task Updating_a_silo_without_a_row_fails_and_keeps_the_version()
    {
        var data = await table.ReadAllAsync();
        Assert.False(await table.UpdateRowAsync(Entry(33333, SiloStatus.Active), data.Version.VersionEtag, data.Version.Next()));
        Assert.Equal(0, (await table.ReadAllAsync()).Version.Version);
    }

    [Fact]
    public async Task Reading_an_unknown_silo_gives_the_version_and_no_row()
    {
        Assert.True(await table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        var data = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 44444, 1));
        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task The_heartbeat_changes_no_version()
    {
        var silo = Entry(11111, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        silo.IAmAliveTime = DateTime.UtcNow.AddMinutes(5);

        await table.UpdateIAmAliveAsync(silo);

        var data = await table.ReadAllAsync();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(silo.IAmAliveTime, data.Members[0].Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Clients_see_the_active_silos_that_run_a_gateway()
    {
        await InsertAsync(Entry(11111, SiloStatus.Active, proxyPort: 30001));
        await InsertAsync(Entry(11112, SiloStatus.Active, proxyPort: 0));
        await InsertAsync(Entry(11113, SiloStatus.Joining, proxyPort: 30003));
        var services = new ServiceCollection().BuildServiceProvider();
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = ClusterId, ServiceId = "contract-service" }));
        await gateways.InitializeGatewayListProviderAsync();

        var uri = Assert.Single(await gateways.GetGatewaysAsync());
        Assert.Equal(30001, uri.Port);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cleanup_deletes_only_silos_that_died_before_the_cutoff(bool perSiloQueryInstalled)
    {
        if (!perSiloQueryInstalled)
        {
            // Without the optional per-silo query Orleans falls back to the bulk one.
            await database.ExecuteAsync("DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
            table = NewTable(database.ConnectionString, ClusterId);
            await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        }
        var old = DateTime.UtcNow.AddDays(-10);
        var deadLongAgo = Entry(11111, SiloStatus.Dead, startTime: old);
        var deadLongAgoSuspected = Entry(11112, SiloStatus.Dead, startTime: old);
        deadLongAgoSuspected.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 11111, 1), old)];
        var deadRecently = Entry(11113, SiloStatus.Dead, startTime: old);
        deadRecently.IAmAliveTime = DateTime.UtcNow;
        var activeButSilent = Entry(11114, SiloStatus.Active, startTime: old);
        var shuttingDownButSilent = Entry(11115, SiloStatus.ShuttingDown, startTime: old);
        foreach (var entry in new[] { deadLongAgo, deadLongAgoSuspected, deadRecently, activeButSilent, shuttingDownButSilent })
        {
            await InsertAsync(entry);
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order().ToList();
        Assert.Equal([11113, 11114, 11115], left);
    }

    [Fact]
    public async Task The_per_silo_cleanup_keeps_a_row_that_changed_after_Orleans_read_it()
    {
        var old = DateTime.UtcNow.AddDays(-10);
        await InsertAsync(Entry(11111, SiloStatus.Dead, startTime: old));
        await InsertAsync(Entry(11112, SiloStatus.Dead, startTime: old));
        var captured = (await table.ReadAllAsync()).Members.Select(m => m.Item1).ToList();
        // Between Orleans' read and its delete, silo 11112's row changes (one more heartbeat, still long ago).
        await database.ExecuteAsync(
            "UPDATE OrleansMembershipTable SET IAmAliveTime = IAmAliveTime + interval '1 second' WHERE Port = 11112");

        // Bind what Orleans binds for each dead silo it picked (RelationalOrleansQueries.CleanupDefunctSiloEntriesAsync):
        // DbType.DateTime times of UTC kind, the suspicions as Orleans formats them ("" for none).
        var query = await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
        foreach (var entry in captured)
        {
            await using var connection = database.DataSource.CreateConnection();
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = query;
            Add(delete, "DeploymentId", ClusterId, System.Data.DbType.String);
            Add(delete, "Address", entry.SiloAddress.Endpoint.Address.ToString(), System.Data.DbType.AnsiString);
            Add(delete, "Port", entry.SiloAddress.Endpoint.Port, System.Data.DbType.Int32);
            Add(delete, "Generation", entry.SiloAddress.Generation, System.Data.DbType.Int32);
            Add(delete, "SuspectTimes", "", System.Data.DbType.String);
            Add(delete, "StartTime", entry.StartTime, System.Data.DbType.DateTime);
            Add(delete, "IAmAliveTime", entry.IAmAliveTime, System.Data.DbType.DateTime);
            await delete.ExecuteNonQueryAsync();
        }

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).ToList();
        Assert.Equal([11112], left);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_silos_and_its_version_only()
    {
        await InsertAsync(Entry(11111, SiloStatus.Active));
        var other = NewTable(database.ConnectionString, "other-cluster");
        await other.InitializeMembershipTableAsync(true);
        Assert.True(await other.InsertRowAsync(Entry(11111, SiloStatus.Active), (await other.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(ClusterId);

        Assert.Equal(["other-cluster"], await database.ColumnAsync<string>("SELECT DeploymentId FROM OrleansMembershipVersionTable"));
        Assert.Equal(["other-cluster"], await database.ColumnAsync<string>("SELECT DeploymentId FROM OrleansMembershipTable"));
    }

    private async Task InsertAsync(MembershipEntry entry)
    {
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object? value, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }

    private static AdoNetClusteringTable NewTable(string connectionString, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "contract-service" }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, int proxyPort = 30000, DateTime? startTime = null)
    {
        var start = startTime ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = start,
            IAmAliveTime = start,
        };
    }
}

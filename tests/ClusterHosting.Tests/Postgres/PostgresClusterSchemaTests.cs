using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Cluster.Hosting.Storage.Postgres;
using Npgsql;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace Cluster.Hosting.Tests.Postgres;

[Trait("Category", "Postgres")]
public sealed class PostgresClusterSchemaTests
{
    private static readonly string[] Tables =
    [
        "cluster_schema_version", "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable",
        "orleansstorage", "orleansreminderstable", "cluster_always_on", "cluster_session_lease",
    ];

    [Fact]
    public async Task Three_silos_installing_at_once_on_a_fresh_database_all_succeed()
    {
        await using var database = await FreshDatabase.CreateAsync();
        // Three silos: each its own data source (own connections, no pooling between them), all released at once.
        var sources = Enumerable.Range(0, 3)
            .Select(i => NpgsqlDataSource.Create($"{database.ConnectionString};Pooling=false;Application Name=silo{i}"))
            .ToList();
        try
        {
            using var start = new Barrier(3);
            var installs = sources.Select(source => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                await new PostgresClusterSchema(source).ApplyAsync(CancellationToken.None);
            })).ToArray();
            await Task.WhenAll(installs);
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }

        foreach (var table in Tables)
        {
            Assert.True(await database.ScalarAsync<bool>("SELECT to_regclass($1) IS NOT NULL", table), $"table {table} is missing");
        }
        var keys = await database.ColumnAsync<string>("SELECT QueryKey FROM OrleansQuery");
        Assert.Empty(OrleansRequiredQueryKeys().Except(keys));
        // Installed once: one version row, by one of the three.
        Assert.Equal([PostgresClusterSchema.CurrentVersion], await database.ColumnAsync<int>("SELECT version FROM cluster_schema_version"));
        Assert.Equal(PostgresClusterSchema.CurrentVersion, await new PostgresClusterSchema(database.DataSource).ReadInstalledVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Applying_again_changes_nothing()
    {
        await using var database = await FreshDatabase.CreateWithSchemaAsync();
        // xmin is the transaction that last wrote a row: unchanged rows keep it.
        const string rowVersions =
            "SELECT string_agg(QueryKey || '=' || xmin::text, ',' ORDER BY QueryKey) FROM OrleansQuery";
        const string functionVersions =
            "SELECT string_agg(proname || '=' || xmin::text, ',' ORDER BY proname) FROM pg_proc WHERE proname LIKE 'orleans\\_%'";
        const string versionRows = "SELECT string_agg(version || '@' || applied_at::text, ',') FROM cluster_schema_version";
        var before = (await database.ScalarAsync<string>(rowVersions), await database.ScalarAsync<string>(functionVersions),
            await database.ScalarAsync<string>(versionRows));

        await new PostgresClusterSchema(database.DataSource).ApplyAsync(CancellationToken.None);
        await new PostgresClusterSchema(database.DataSource).ApplyAsync(CancellationToken.None);

        var after = (await database.ScalarAsync<string>(rowVersions), await database.ScalarAsync<string>(functionVersions),
            await database.ScalarAsync<string>(versionRows));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_database_without_a_recorded_version_gets_every_script_again()
    {
        await using var database = await FreshDatabase.CreateWithSchemaAsync();
        await database.ExecuteAsync("DELETE FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        await database.ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'stale' WHERE QueryKey = 'ReadFromStorageKey'");
        await database.ExecuteAsync("DELETE FROM cluster_schema_version");

        await new PostgresClusterSchema(database.DataSource).ApplyAsync(CancellationToken.None);

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Contains("PayloadBinary", await database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'ReadFromStorageKey'"));
        Assert.Equal(PostgresClusterSchema.CurrentVersion, await database.ScalarAsync<int>("SELECT max(version) FROM cluster_schema_version"));
    }

    [Fact]
    public async Task A_newer_schema_is_left_as_it_is()
    {
        await using var database = await FreshDatabase.CreateWithSchemaAsync();
        await database.ExecuteAsync("INSERT INTO cluster_schema_version (version) VALUES ($1)", PostgresClusterSchema.CurrentVersion + 1);
        await database.ExecuteAsync("DELETE FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");

        await new PostgresClusterSchema(database.DataSource).ApplyAsync(CancellationToken.None);

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Equal(PostgresClusterSchema.CurrentVersion + 1, await database.ScalarAsync<int>("SELECT max(version) FROM cluster_schema_version"));
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_its_database_but_without_the_password()
    {
        const string password = "pw-s3cr3t-do-not-show";
        var port = ClosedLoopbackPort();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=cluster_prod;Username=cluster;Password={password};Timeout=5";
        await using var source = NpgsqlDataSource.Create(connectionString);

        var error = await Assert.ThrowsAsync<ClusterDatabaseUnreachableException>(
            () => new PostgresClusterSchema(source).ApplyAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("\"cluster_prod\"", error.Message);
        Assert.Equal($"127.0.0.1:{port}", error.Server);
        Assert.Equal("cluster_prod", error.Database);
        Assert.DoesNotContain(password, error.ToString());
    }

    [Fact]
    public async Task A_missing_database_is_named_and_must_be_created_first()
    {
        var server = await Cluster.TestSupport.Postgres.PostgresServer.GetSharedAsync();
        await using var source = NpgsqlDataSource.Create(server.ConnectionStringFor("no_such_cluster_db") + ";Password=pw-hidden");

        var error = await Assert.ThrowsAsync<ClusterDatabaseUnreachableException>(
            () => new PostgresClusterSchema(source).ApplyAsync(CancellationToken.None));

        Assert.Contains("\"no_such_cluster_db\"", error.Message);
        Assert.Contains("create it", error.Message);
        Assert.DoesNotContain("pw-hidden", error.ToString());
    }

    [Fact]
    public void Every_embedded_PostgreSQL_script_is_in_the_installer_list()
    {
        var embedded = typeof(PostgresClusterSchema).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Postgres.", StringComparison.Ordinal))
            .Order()
            .ToList();
        var listed = PostgresClusterSchema.Scripts.Select(s => "Cluster.Hosting." + s.Replace('/', '.')).Order().ToList();
        Assert.Equal(listed, embedded);
        foreach (var script in PostgresClusterSchema.Scripts)
        {
            Assert.StartsWith("--", PostgresClusterSchema.ReadScript(script));
        }
    }

    [Fact]
    public void The_scripts_of_the_current_schema_version_are_unchanged()
    {
        // A database at CurrentVersion does not run the scripts again, so a change to them reaches existing databases
        // only with a new version. When this fails: raise PostgresClusterSchema.CurrentVersion (and make the change
        // work on a database of the previous version), then put the new hash here.
        const int version = 1;
        const string hash = "6a43ef6de9dc4e33bcbdcb120e42042fac2f768f8ef994e36032b696dc7d29a3";
        var text = string.Concat(PostgresClusterSchema.Scripts.Select(s => $"-- {s}\n" + PostgresClusterSchema.ReadScript(s).ReplaceLineEndings("\n")));
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal((version, hash), (PostgresClusterSchema.CurrentVersion, actual));
    }

    [Fact]
    public void The_required_query_keys_are_what_the_Orleans_assemblies_ask_for()
    {
        // Guards the list below against a package update: the clustering and reminders providers check their keys by
        // the non-public properties of their DbStoredQueries class at start-up, so read the same properties here.
        var clustering = StoredQueryKeys(typeof(AdoNetClusteringTable).Assembly);
        var reminders = StoredQueryKeys(typeof(Orleans.Configuration.AdoNetReminderTableOptions).Assembly);
        Assert.Equal(ClusteringKeys.Order(), clustering.Order());
        Assert.Equal(ReminderKeys.Order(), reminders.Order());
        // The persistence provider names its keys in its start-up query.
        Assert.All(StorageKeys, key => Assert.Contains($"'{key}'", AdoNetGrainStorage.DefaultInitializationQuery));
    }

    // Orleans 10.4.2, Microsoft.Orleans.Clustering.AdoNet: required keys (DbStoredQueries).
    private static readonly string[] ClusteringKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    // Read when present (DbStoredQueries.GetCleanupDefunctSiloEntryQuery / the DeleteStateOnClear option).
    private static readonly string[] OptionalKeys = ["CleanupDefunctSiloEntryKey", "DeleteStorageKey"];

    // Microsoft.Orleans.Persistence.AdoNet: AdoNetGrainStorage.DefaultInitializationQuery.
    private static readonly string[] StorageKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    // Microsoft.Orleans.Reminders.AdoNet: required keys (DbStoredQueries).
    private static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    internal static IEnumerable<string> OrleansRequiredQueryKeys() =>
        ClusteringKeys.Concat(StorageKeys).Concat(ReminderKeys).Concat(OptionalKeys).Distinct();

    private static List<string> StoredQueryKeys(Assembly assembly)
    {
        var type = assembly.GetTypes().Single(t => t.Name == "DbStoredQueries");
        return type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name).ToList();
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

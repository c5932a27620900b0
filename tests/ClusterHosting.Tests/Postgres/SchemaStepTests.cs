using System.Net;
using System.Net.Sockets;
using Cluster.Hosting.Hosting;
using Cluster.Hosting.Storage;
using Cluster.Hosting.Storage.Postgres;
using Cluster.Hosting.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>The schema step on its own (<see cref="ClusterSchemaStep"/>, <c>dotnet Cluster.Silo.dll schema</c>, the k8s Job)
/// and silos that only verify the schema (<c>Cluster:Storage:Schema=Verify</c>): they install nothing, wait for the step,
/// and give up with one line saying what to do.</summary>
[Trait("Category", "Postgres")]
public sealed class SchemaStepTests
{
    private static IConfiguration Settings(string connectionString, string provider = "Postgres") => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Storage:Provider"] = provider,
            ["Cluster:Storage:ConnectionString"] = connectionString,
        })
        .Build();

    private static Dictionary<string, string?> VerifyingSilo(FreshDatabase database, TimeSpan wait) => new()
    {
        ["Cluster:ClusterId"] = "schema-verify-" + Guid.NewGuid().ToString("N")[..8],
        ["Cluster:Storage:Provider"] = "Postgres",
        ["Cluster:Storage:ConnectionString"] = database.ConnectionString,
        ["Cluster:Storage:Schema"] = "Verify",
        ["Cluster:Storage:SchemaWaitTimeout"] = wait.ToString("c"),
        ["Cluster:Tls:Mode"] = "Disabled",
    };

    [Fact]
    public async Task The_schema_step_installs_a_fresh_database_then_finds_nothing_to_do()
    {
        await using var database = await FreshDatabase.CreateAsync();

        var first = await ClusterSchemaStep.RunAsync(Settings(database.ConnectionString), null, CancellationToken.None);
        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"version {PostgresClusterSchema.CurrentVersion} installed (was none)", first.Message);
        Assert.Equal([PostgresClusterSchema.CurrentVersion], await database.ColumnAsync<int>("SELECT version FROM cluster_schema_version"));

        var second = await ClusterSchemaStep.RunAsync(Settings(database.ConnectionString), null, CancellationToken.None);
        Assert.True(second.Succeeded, second.Message);
        Assert.Contains($"already at version {PostgresClusterSchema.CurrentVersion}, nothing to do", second.Message);
    }

    [Fact]
    public async Task The_schema_step_against_an_unreachable_database_fails_with_one_line_without_the_password()
    {
        var port = ClosedPort();
        var result = await ClusterSchemaStep.RunAsync(
            Settings($"Host=127.0.0.1;Port={port};Database=cluster;Username=cluster;Password=Secret-Pw-91;Timeout=3"), null, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Cluster schema step failed: Cannot connect to the cluster database \"cluster\" on server 127.0.0.1:" + port, result.Message);
        Assert.DoesNotContain('\n', result.Message);
        Assert.DoesNotContain("Secret-Pw-91", result.Message);
    }

    [Fact]
    public async Task The_schema_step_names_a_missing_connection_string()
    {
        var result = await ClusterSchemaStep.RunAsync(Settings(""), null, CancellationToken.None);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cluster:Storage:ConnectionString is required", result.Message);
    }

    [Fact]
    public async Task A_verifying_silo_on_a_database_without_the_schema_installs_nothing_and_gives_up_saying_to_run_the_schema_step()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var silos = new ProductSilos(VerifyingSilo(database, TimeSpan.FromSeconds(2)));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => silos.StartSiloAsync());
        var missing = Assert.IsType<ClusterSchemaNotReadyException>(Find<ClusterSchemaNotReadyException>(failure));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"giving up took {started.Elapsed}");
        Assert.Contains("has no cluster schema", missing.Message);
        Assert.Contains($"needs schema version {PostgresClusterSchema.CurrentVersion}", missing.Message);
        Assert.Contains("Run the schema step", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('cluster_schema_version') IS NOT NULL"), "a verifying silo installed the schema");
        Assert.False(await database.ScalarAsync<bool>("SELECT to_regclass('orleansmembershiptable') IS NOT NULL"), "a verifying silo installed the schema");
    }

    [Fact]
    public async Task A_verifying_silo_waits_for_the_schema_step_and_then_starts()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var silos = new ProductSilos(VerifyingSilo(database, TimeSpan.FromMinutes(1)));

        var start = silos.StartSiloAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(start.IsCompleted, "the silo started without the schema");

        var step = await ClusterSchemaStep.RunAsync(Settings(database.ConnectionString), null, CancellationToken.None);
        Assert.True(step.Succeeded, step.Message);
        var silo = await start.WaitAsync(TimeSpan.FromSeconds(45));
        var local = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Equal(SiloStatus.Active, silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(local));
    }

    [Fact]
    public async Task A_verifying_silo_starts_at_once_on_a_database_with_the_schema()
    {
        await using var database = await FreshDatabase.CreateWithSchemaAsync();
        await using var silos = new ProductSilos(VerifyingSilo(database, TimeSpan.Zero));
        var silo = await silos.StartSiloAsync();
        Assert.Equal(ClusterSchemaMode.Verify, silo.Services.GetRequiredService<IOptions<ClusterStorageOptions>>().Value.Schema);
    }

    [Fact]
    public void Verify_on_sqlite_is_an_invalid_configuration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:Schema"] = "Verify",
        });
        var invalid = Assert.Throws<OptionsValidationException>(() => builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration)));
        Assert.Contains("Cluster:Storage:Schema=Verify requires Cluster:Storage:Provider=Postgres", Assert.Single(invalid.Failures));
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
            if (e is AggregateException many) return many.InnerExceptions.Select(Find<T>).FirstOrDefault(f => f is not null);
        }
        return null;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

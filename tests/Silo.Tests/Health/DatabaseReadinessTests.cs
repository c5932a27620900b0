using System.Net;
using Cluster.Silo.Tests.Infrastructure;
using Cluster.TestSupport.Postgres;
using Npgsql;

namespace Cluster.Silo.Tests.Health;

/// <summary>/health/ready follows the database: a silo whose PostgreSQL goes away stops being ready (so Kubernetes
/// sends it no traffic) and is ready again when the database returns, without a restart.</summary>
[Trait("Category", "Postgres")]
public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task Readiness_goes_false_when_the_database_is_unreachable_and_true_when_it_returns()
    {
        var postgres = await PostgresServer.GetSharedAsync();
        var database = await postgres.CreateDatabaseAsync("silo");
        await using var proxy = new CuttableTcpProxy("127.0.0.1", postgres.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port, Timeout = 2, CommandTimeout = 2 }.ConnectionString;
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Storage__Provider"] = "Postgres",
            ["Cluster__Tls__Mode"] = "Disabled",
            ["Cluster__Storage__ConnectionString"] = throughProxy,
            ["Silo__ReadinessTimeout"] = "00:00:01",
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        proxy.Cut();
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        using (var notReady = await silo.Http.GetAsync("health/ready"))
            Assert.Contains("database", await notReady.Content.ReadAsStringAsync());
        using (var live = await silo.Http.GetAsync("health/live"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        proxy.Restore();
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(20));
        Assert.False(silo.HasExited);
        await postgres.DropDatabaseAsync(database);
    }
}

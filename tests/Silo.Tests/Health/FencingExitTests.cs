using System.Net;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;
using Npgsql;

namespace Cluster.Silo.Tests.Health;

/// <summary>A silo that cannot renew its membership lease fences itself and exits with code 3, so an orchestrator
/// restarts it as a new member instead of leaving a silo that may no longer run grains.</summary>
[Trait("Category", "Postgres")]
public sealed class FencingExitTests
{
    [Fact]
    public async Task Silo_cut_from_its_database_past_its_lease_fences_itself_and_exits_with_code_3()
    {
        var postgres = await PostgresServer.GetSharedAsync();
        var database = await postgres.CreateDatabaseAsync("silo");
        await using var proxy = new CuttableTcpProxy("127.0.0.1", postgres.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port, Timeout = 2, CommandTimeout = 2 }.ConnectionString;
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Storage__Provider"] = "Postgres",
            ["Cluster__Storage__ConnectionString"] = throughProxy,
            ["Cluster__DrainTimeout"] = "00:00:05",
            ["Silo__ShutdownTimeout"] = "00:00:15",
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        proxy.Cut();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, exitCode);
        Assert.Contains("fenced itself", silo.Output);
        await postgres.DropDatabaseAsync(database);
    }
}

using Cluster.Silo.Tests.Infrastructure;
using Cluster.TestSupport.Postgres;

namespace Cluster.Silo.Tests.Startup;

/// <summary>`dotnet Cluster.Silo.dll schema`, the schema step of the k8s Job: installs the schema and exits 0, or exits 1
/// with one line; and a silo that only verifies the schema (Cluster__Storage__Schema=Verify) and finds none exits 1
/// with one line saying to run that step.</summary>
[Trait("Category", "Postgres")]
public sealed class SchemaCommandTests
{
    [Fact]
    public async Task Schema_installs_the_schema_and_exits_0_then_finds_nothing_to_do()
    {
        var postgres = await PostgresServer.GetSharedAsync();
        var database = await postgres.CreateDatabaseAsync("schema");
        try
        {
            var settings = new Dictionary<string, string> { ["Cluster__Storage__Provider"] = "Postgres", ["Cluster__Storage__ConnectionString"] = database };
            await using (var first = SiloProcess.Start(settings, arguments: ["schema"]))
            {
                Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, first.Output);
                Assert.Contains(first.Lines, l => l.StartsWith("Cluster schema of database", StringComparison.Ordinal) && l.Contains("installed (was none)"));
                // Only the schema step: no Orleans, no HTTP port, no simulator.
                Assert.DoesNotContain(first.Lines, l => l.Contains("SIMULATED", StringComparison.OrdinalIgnoreCase) || l.Contains("/health/ready"));
            }
            await using var second = SiloProcess.Start(settings, arguments: ["schema"]);
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, second.Output);
            Assert.Contains(second.Lines, l => l.Contains("nothing to do"));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Schema_against_an_unreachable_database_exits_1_with_one_line()
    {
        var port = SiloProcess.FreePort();
        await using var step = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Storage__Provider"] = "Postgres",
            ["Cluster__Storage__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=cluster;Username=cluster;Password=Pw-Secret-77;Timeout=2",
        }, arguments: ["schema"]);
        Assert.Equal(1, await step.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(step.Lines, l => l.Contains("Cluster schema step failed"));
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.DoesNotContain("Pw-Secret-77", step.Output);
        Assert.DoesNotContain(step.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verifying_silo_without_the_schema_exits_1_saying_to_run_the_schema_step()
    {
        var postgres = await PostgresServer.GetSharedAsync();
        var database = await postgres.CreateDatabaseAsync("verify");
        try
        {
            await using var silo = SiloProcess.Start(new Dictionary<string, string>
            {
                ["Cluster__Storage__Provider"] = "Postgres",
                ["Cluster__Storage__ConnectionString"] = database,
                ["Cluster__Storage__Schema"] = "Verify",
                ["Cluster__Storage__SchemaWaitTimeout"] = "00:00:02",
                ["Cluster__Tls__Mode"] = "Disabled",
            });
            Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 1, silo.Output);
            var failed = Assert.Single(silo.JsonLines, l => l.GetProperty("EventId").GetInt32() == 127);
            var message = failed.GetProperty("Message").GetString()!;
            Assert.Contains("has no cluster schema", message);
            Assert.Contains("Run the schema step", message);
            // The silo's own last word is the one line (Orleans' lifecycle logs the failed stage with its stack before it).
            Assert.False(failed.TryGetProperty("Exception", out _));
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }
}

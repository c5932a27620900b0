using System.Net;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Startup;

/// <summary>The README's run command with no configuration at all: SQLite in the working directory, an in-process
/// simulator, a generated development secret; it must say so first and become live and ready.</summary>
public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task Silo_with_no_configuration_says_first_that_it_runs_against_simulated_Telegram_and_becomes_ready()
    {
        await using var silo = SiloProcess.Start();

        await silo.WaitForStatusAsync("health/live", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        var first = silo.JsonLines.First();
        var message = first.GetProperty("Message").GetString()!;
        Assert.Contains("SIMULATED Telegram", message);
        var simulatorUrl = first.GetProperty("State").GetProperty("SimulatorUrl").GetString()!;
        Assert.StartsWith("http://127.0.0.1:", simulatorUrl);
        var firstFew = string.Join("\n", silo.JsonLines.Take(6).Select(l => l.GetProperty("Message").GetString()));
        Assert.Contains($"http://127.0.0.1:{silo.HttpPort}/health/ready", firstFew);
        Assert.Contains(simulatorUrl + "sim/world", firstFew);
        Assert.Contains("generated a development cluster secret", firstFew);
        Assert.True(File.Exists(Path.Combine(silo.WorkingDirectory, "cluster.db")), "the embedded default keeps its SQLite database in the working directory");

        using var world = await silo.Http.GetAsync(new Uri(simulatorUrl + "sim/world"));
        Assert.Equal(HttpStatusCode.OK, world.StatusCode);
        Assert.Contains("demo_news", await world.Content.ReadAsStringAsync());
    }
}

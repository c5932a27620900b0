using System.Net;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Shutdown;

/// <summary>SIGTERM (how Kubernetes stops a pod) stops the Orleans silo gracefully (its grains deactivate, it leaves the
/// membership) and the process exits 0 within the shutdown timeout.</summary>
/// <remarks>That the silo is marked Dead in the membership table is not checked here yet: membership is in memory until
/// the SQLite/PostgreSQL clustering lands.</remarks>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_exits_0_within_the_shutdown_timeout_and_says_the_silo_stopped()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Silo__ShutdownTimeout"] = "00:00:20",
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        silo.Terminate();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", silo.Output);
        Assert.Contains(silo.JsonLines, l => l.GetProperty("Message").GetString() == "Silo stopped");
    }
}

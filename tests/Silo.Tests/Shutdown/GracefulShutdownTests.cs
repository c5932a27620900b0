using System.Net;
using Cluster.Runtime;
using Cluster.Runtime.Storage;
using Cluster.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Silo.Tests.Shutdown;

/// <summary>SIGTERM (how Kubernetes stops a pod) hands the silo's grains over and leaves the cluster cleanly.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_exits_0_within_the_shutdown_timeout_and_marks_the_silo_Left()
    {
        var siloId = "sigterm-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Cluster__Membership__SiloId"] = siloId,
            ["Cluster__DrainTimeout"] = "00:00:10",
            ["Silo__ShutdownTimeout"] = "00:00:20",
        });
        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        silo.Terminate();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", silo.Output);
        var storage = ClusterStorageFactory.Create(
            new ClusterStorageOptions { ConnectionString = $"Data Source={Path.Combine(silo.WorkingDirectory, "cluster.db")}" },
            NullLoggerFactory.Instance);
        MembershipSnapshot snapshot;
        try { snapshot = await storage.Membership.ReadAllAsync(CancellationToken.None); }
        finally { (storage as IDisposable)?.Dispose(); }
        var row = Assert.Single(snapshot.Silos, s => s.SiloId == siloId);
        Assert.Equal(SiloStatus.Left, row.Status);
    }
}

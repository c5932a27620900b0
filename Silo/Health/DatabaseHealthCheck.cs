using Cluster.Runtime.Storage;
using Cluster.Silo.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Health;

/// <summary>Ready only while the cluster database answers a ping within <c>Silo:ReadinessTimeout</c>: without it the
/// silo can neither heartbeat nor write grain state.</summary>
internal sealed class DatabaseHealthCheck(IClusterStorage storage, IOptions<SiloOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.ReadinessTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await storage.PingAsync(cts.Token);
            return HealthCheckResult.Healthy("the cluster database answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the cluster database did not answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's type and message, not the connection string: it may hold a password.
            return HealthCheckResult.Unhealthy($"the cluster database did not answer: {ex.GetType().Name}: {ex.Message}");
        }
    }
}

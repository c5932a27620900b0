using Cluster.Runtime;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.Silo.Health;

/// <summary>Ready only while this silo has joined the cluster: Active in its own membership view and not fenced.
/// A joining, shutting-down or fenced silo must not receive traffic.</summary>
internal sealed class MembershipHealthCheck(ISiloMembership membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (membership.IsFenced)
            return Task.FromResult(HealthCheckResult.Unhealthy($"silo {membership.LocalSiloId} fenced itself (no heartbeat within its lease)"));
        var self = membership.View.Silos.FirstOrDefault(s => s.SiloId == membership.LocalSiloId);
        return Task.FromResult(self switch
        {
            null => HealthCheckResult.Unhealthy($"silo {membership.LocalSiloId} is not in the membership view yet"),
            { Status: SiloStatus.Active } => HealthCheckResult.Healthy($"silo {membership.LocalSiloId} is Active"),
            _ => HealthCheckResult.Unhealthy($"silo {membership.LocalSiloId} is {self.Status}"),
        });
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Cluster.Silo.Health;

/// <summary>Ready only while this silo is Active in Orleans' membership (its own view of the membership table). A joining
/// or shutting-down silo, or one declared dead, must not receive traffic.</summary>
internal sealed class MembershipHealthCheck(ILocalSiloDetails local, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var self = local.SiloAddress;
        var status = membership.CurrentSnapshot.GetSiloStatus(self);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {self} is Active")
            : HealthCheckResult.Unhealthy(status == SiloStatus.None
                ? $"silo {self} is not in the membership table yet"
                : $"silo {self} is {status}"));
    }
}

using System.Diagnostics.Metrics;
using Orleans.Runtime;

namespace Cluster.Silo.Metrics;

/// <summary>The "Cluster.Silo" meter: what this silo sees of the cluster (silos by status in Orleans' membership) and its
/// identity as an info gauge, read at each scrape.</summary>
public sealed class SiloMetrics
{
    public const string MeterName = "Cluster.Silo";

    private static readonly SiloStatus[] Statuses =
        [SiloStatus.Created, SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Stopping, SiloStatus.Dead];

    private readonly IServiceProvider _services;

    public SiloMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        _services = services;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("cluster.silos", ObserveSilos, "{silo}", "Silos in this silo's view of Orleans' membership, by status.");
        meter.CreateObservableGauge("cluster.silo.info", ObserveInfo, null, "Always 1; the labels name this silo (its Orleans address).");
    }

    // Resolved at the first scrape: the metrics endpoint is mapped before the silo starts.
    private IClusterMembershipService? Membership => _services.GetService(typeof(IClusterMembershipService)) as IClusterMembershipService;

    private ILocalSiloDetails? Local => _services.GetService(typeof(ILocalSiloDetails)) as ILocalSiloDetails;

    private IEnumerable<Measurement<int>> ObserveSilos()
    {
        if (Membership is not { } membership) return [];
        var members = membership.CurrentSnapshot.Members.Values;
        return Statuses.Select(status => new Measurement<int>(
            members.Count(m => m.Status == status), new KeyValuePair<string, object?>("status", status.ToString())));
    }

    private IEnumerable<Measurement<int>> ObserveInfo()
        => Local is { } local
            ? [new Measurement<int>(1, new KeyValuePair<string, object?>("silo.id", local.SiloAddress.ToString()),
                new KeyValuePair<string, object?>("silo.name", local.Name))]
            : [];
}

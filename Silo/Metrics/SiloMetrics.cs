using System.Diagnostics.Metrics;
using Cluster.Runtime;
using Cluster.Runtime.Membership;

namespace Cluster.Silo.Metrics;

/// <summary>The "Cluster.Silo" meter: what this silo sees of the cluster (silos by status), whether it fenced itself,
/// and its identity as an info gauge, read from membership at each scrape.</summary>
public sealed class SiloMetrics
{
    public const string MeterName = "Cluster.Silo";

    private readonly IServiceProvider _services;

    public SiloMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        _services = services;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("cluster.silos", ObserveSilos, "{silo}", "Silos in this silo's membership view, by status.");
        meter.CreateObservableGauge("cluster.silo.fenced", ObserveFenced, null, "1 when this silo fenced itself (it stops all its activations and exits), else 0.");
        meter.CreateObservableGauge("cluster.silo.info", ObserveInfo, null, "Always 1; the labels name this silo.");
    }

    // Membership is resolved at the first scrape: the metrics endpoint is mapped before the runtime starts.
    private ISiloMembership? Membership => _services.GetService(typeof(ISiloMembership)) as ISiloMembership;

    private IEnumerable<Measurement<int>> ObserveSilos()
    {
        if (Membership is not { } membership) return [];
        var silos = membership.View.Silos;
        return Enum.GetValues<SiloStatus>().Select(status => new Measurement<int>(
            silos.Count(s => s.Status == status), new KeyValuePair<string, object?>("status", status.ToString())));
    }

    private IEnumerable<Measurement<int>> ObserveFenced()
        => Membership is { } membership ? [new Measurement<int>(membership.IsFenced ? 1 : 0)] : [];

    private IEnumerable<Measurement<int>> ObserveInfo()
        => Membership is { } membership ? [new Measurement<int>(1, new KeyValuePair<string, object?>("silo.id", membership.LocalSiloId))] : [];
}

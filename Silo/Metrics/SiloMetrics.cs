using System.Diagnostics.Metrics;
using Cluster.Runtime;
using Cluster.Runtime.Membership;

namespace Cluster.Silo.Metrics;

/// <summary>The "Cluster.Silo" meter: what this silo sees of the cluster (silos by status), whether it fenced itself,
/// its identity as an info gauge and its resources used and capacity, read from membership at each scrape.</summary>
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
        meter.CreateObservableGauge("cluster.silo.resource.used", () => ObserveResources(load => load.ResourcesUsed), "{unit}",
            "Resources this silo holds as it last published them (e.g. Telegram sessions), by resource.");
        meter.CreateObservableGauge("cluster.silo.resource.capacity", () => ObserveResources(load => load.ResourceCapacity), "{unit}",
            "Resources this silo may hold (Cluster:Resources:Capacity), by resource.");
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

    private IEnumerable<Measurement<int>> ObserveResources(Func<SiloLoad, IReadOnlyDictionary<string, int>> select)
    {
        if (Membership is not { } membership || membership.View.Silos.FirstOrDefault(s => s.SiloId == membership.LocalSiloId) is not { } self) return [];
        return select(self.Load).Select(r => new Measurement<int>(r.Value, new KeyValuePair<string, object?>("resource", r.Key))).ToList();
    }

    private IEnumerable<Measurement<int>> ObserveFenced()
        => Membership is { } membership ? [new Measurement<int>(membership.IsFenced ? 1 : 0)] : [];

    private IEnumerable<Measurement<int>> ObserveInfo()
        => Membership is { } membership ? [new Measurement<int>(1, new KeyValuePair<string, object?>("silo.id", membership.LocalSiloId))] : [];
}

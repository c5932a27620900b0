using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Metrics;

/// <summary>Listens to this silo's meters (every meter named "Cluster.*" that is static or made by this silo's
/// <see cref="IMeterFactory"/>) and renders what they measured, plus process and .NET runtime figures, as Prometheus text.</summary>
/// <remarks>Measurements are aggregated as they happen (counters summed, histograms bucketed); observable instruments
/// are asked at each scrape. Meters of another silo hosted in the same process (tests) have another factory and are
/// left out; static meters (Telegram, grains) are process-wide either way.</remarks>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>The prefix of the meters exported.</summary>
    public const string MeterPrefix = "Cluster.";

    private const string DroppedFamily = "cluster_metrics_dropped_measurements_total";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _aggregates = new();
    private readonly Func<Meter, bool> _exports;
    private readonly MetricsOptions _options;
    private readonly Lock _scrapeGate = new();
    private long _dropped;

    public MetricsCollector(IMeterFactory meterFactory, IOptions<MetricsOptions> options)
        : this(meter => meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal) && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory)), options.Value)
    {
    }

    /// <summary>A collector of the meters <paramref name="exports"/> accepts.</summary>
    public MetricsCollector(Func<Meter, bool> exports, MetricsOptions options)
    {
        _exports = exports;
        _options = options;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!_exports(instrument.Meter)) return;
            var aggregate = _aggregates.GetOrAdd(instrument, i => new InstrumentAggregate(i, _options, () => Interlocked.Increment(ref _dropped)));
            listener.EnableMeasurementEvents(instrument, aggregate);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _aggregates.TryRemove(instrument, out InstrumentAggregate? _);
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregate)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Measurements dropped because their instrument already had the most series allowed.</summary>
    public long DroppedMeasurements => Interlocked.Read(ref _dropped);

    /// <summary>The whole exposition: every exported instrument, then (unless told not to) process and .NET runtime figures.</summary>
    public string Scrape(bool includeProcess = true)
    {
        var writer = new PrometheusTextWriter();
        lock (_scrapeGate)
        {
            foreach (var aggregate in _aggregates.Values) aggregate.ForgetObservations();
            _listener.RecordObservableInstruments();
            foreach (var family in _aggregates.Values.GroupBy(a => a.Family, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                WriteFamily(writer, family.Key, family.OrderBy(a => a.Instrument.Meter.Name, StringComparer.Ordinal).ToList());
        }
        writer.WriteFamily(DroppedFamily, "counter", "Measurements dropped because their instrument reached Silo:Metrics:MaxSeriesPerInstrument label sets.");
        writer.WriteSample(DroppedFamily, "", DroppedMeasurements);
        if (includeProcess) ProcessMetrics.Write(writer);
        return writer.ToString();
    }

    private static void WriteFamily(PrometheusTextWriter writer, string name, List<InstrumentAggregate> instruments)
    {
        // Two instruments that map to one family (the same name in two meters) share it when they agree on the type
        // and buckets; a label set reported by both is written once, as the format requires.
        var first = instruments[0];
        var members = instruments.Where(a => a.Kind == first.Kind && a.Bounds.SequenceEqual(first.Bounds)).ToList();
        writer.WriteFamily(name, first.Kind switch
        {
            MetricFamilyKind.Counter => "counter",
            MetricFamilyKind.Histogram => "histogram",
            _ => "gauge",
        }, members.Select(m => m.Help).FirstOrDefault(h => !string.IsNullOrEmpty(h)));
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var (labels, series) in member.Series)
            {
                if (!written.Add(labels)) continue;
                if (first.Kind == MetricFamilyKind.Histogram) writer.WriteHistogram(name, labels, first.Bounds, series.BucketCounts(), series.Sum);
                else writer.WriteSample(name, labels, series.Value);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}

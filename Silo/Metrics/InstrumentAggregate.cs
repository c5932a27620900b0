using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Cluster.Silo.Metrics;

/// <summary>Everything recorded for one instrument since the listener saw it: its Prometheus family (name, type,
/// help, buckets) and one <see cref="MetricSeries"/> per label set, at most a configured number of them.</summary>
/// <remarks>The series key is the rendered label text itself (names sanitised and sorted, values escaped), so a scrape
/// writes it as it is and a measurement costs one small string.</remarks>
internal sealed class InstrumentAggregate
{
    private static readonly ConcurrentDictionary<string, string> LabelNames = new(StringComparer.Ordinal);

    [ThreadStatic] private static StringBuilder? t_text;
    [ThreadStatic] private static List<KeyValuePair<string, string>>? t_labels;

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly int _maxSeries;
    private readonly Action _dropped;
    private readonly bool _replaces;

    public InstrumentAggregate(Instrument instrument, MetricsOptions options, Action dropped)
    {
        Instrument = instrument;
        Kind = KindOf(instrument);
        // Observations are current totals or levels, and a synchronous Gauge records levels: both replace the value.
        _replaces = instrument.IsObservable || (instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Gauge<>));
        Family = FamilyName(instrument.Name, instrument.Unit, Kind);
        Help = instrument.Description;
        Bounds = Kind == MetricFamilyKind.Histogram ? BoundsOf(instrument, options) : [];
        _maxSeries = options.MaxSeriesPerInstrument;
        _dropped = dropped;
    }

    public Instrument Instrument { get; }
    public MetricFamilyKind Kind { get; }
    public string Family { get; }
    public string? Help { get; }
    public double[] Bounds { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = tags.Length == 0 ? "" : Render(tags);
        if (!_series.TryGetValue(labels, out var series))
        {
            if (_series.Count >= _maxSeries)
            {
                _dropped();
                return;
            }
            series = _series.GetOrAdd(labels, _ => new MetricSeries(Bounds.Length));
        }
        if (Kind == MetricFamilyKind.Histogram) series.Observe(value, Bounds);
        else if (_replaces) series.Set(value);
        else series.Add(value);
    }

    /// <summary>Before observable instruments are asked again: forget their last answers, so a label set that is no
    /// longer reported (a grain type with no activations left) disappears.</summary>
    public void ForgetObservations()
    {
        if (Instrument.IsObservable) _series.Clear();
    }

    /// <summary>The series by label text, in label order.</summary>
    public IEnumerable<KeyValuePair<string, MetricSeries>> Series => _series.OrderBy(s => s.Key, StringComparer.Ordinal);

    public static MetricFamilyKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>)) return MetricFamilyKind.Counter;
        if (definition == typeof(Histogram<>)) return MetricFamilyKind.Histogram;
        return MetricFamilyKind.Gauge; // UpDownCounter, ObservableUpDownCounter, ObservableGauge, Gauge
    }

    /// <summary>The family name of an instrument: the name sanitised ('.' becomes '_'), the unit appended as a word
    /// ("ms" -> "_milliseconds", annotations such as "{call}" dropped), and "_total" for counters.</summary>
    public static string FamilyName(string instrumentName, string? unit, MetricFamilyKind kind)
    {
        var name = PrometheusTextWriter.SanitizeMetricName(instrumentName);
        var suffix = UnitWord(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (kind == MetricFamilyKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        return name;
    }

    private static string UnitWord(string? unit) => unit switch
    {
        null or "" or "1" => "",
        _ when unit.StartsWith('{') => "",
        "ms" => "milliseconds",
        "s" => "seconds",
        "us" => "microseconds",
        "By" => "bytes",
        "%" => "percent",
        _ => PrometheusTextWriter.SanitizeMetricName(unit.ToLowerInvariant()),
    };

    private static double[] BoundsOf(Instrument instrument, MetricsOptions options)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        var bounds = advised ?? instrument.Unit switch
        {
            "ms" => options.MillisecondBuckets,
            "s" => options.MillisecondBuckets.Select(b => b / 1000).ToList(),
            _ => options.DefaultBuckets,
        };
        return [.. bounds.Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order()];
    }

    private string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = t_labels ??= [];
        labels.Clear();
        foreach (var (key, value) in tags)
        {
            var name = LabelNames.GetOrAdd(key, PrometheusTextWriter.SanitizeLabelName);
            // "le" is the bucket bound of a histogram sample; a tag of that name must not collide with it.
            if (name == "le" && Kind == MetricFamilyKind.Histogram) name = "tag_le";
            labels.Add(new(name, PrometheusTextWriter.EscapeLabelValue(Format(value))));
        }
        if (labels.Count > 1) labels.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = t_text ??= new StringBuilder();
        text.Clear();
        string? previous = null;
        foreach (var (name, value) in labels)
        {
            if (name == previous) continue; // two tags that sanitise to one name: one of them is kept
            if (text.Length > 0) text.Append(',');
            text.Append(name).Append("=\"").Append(value).Append('"');
            previous = name;
        }
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

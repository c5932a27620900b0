using System.Globalization;
using System.Text;

namespace Cluster.Silo.Metrics;

/// <summary>Writes the Prometheus text exposition format, version 0.0.4: families with one HELP and one TYPE line each,
/// then their samples; names sanitised to the allowed alphabet, label values and help texts escaped.</summary>
/// <remarks>The caller writes a family's samples right after its header (the format requires them together) and does
/// not repeat a family; <see cref="MetricsCollector"/> groups them so.</remarks>
public sealed class PrometheusTextWriter
{
    /// <summary>The Content-Type of this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a family: <c># HELP</c> (when there is a help text) and <c># TYPE</c>.</summary>
    public void WriteFamily(string name, string type, string? help)
    {
        if (!string.IsNullOrEmpty(help))
            _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <summary>One sample line; <paramref name="labels"/> is already rendered (see <see cref="RenderLabels"/>), or empty.</summary>
    public void WriteSample(string name, string labels, double value)
    {
        _text.Append(name);
        if (labels.Length > 0) _text.Append('{').Append(labels).Append('}');
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>The samples of one histogram series: cumulative <c>_bucket</c> lines with <c>le</c> (the last <c>+Inf</c>),
    /// <c>_sum</c> and <c>_count</c>. <paramref name="bucketCounts"/> holds one count per bound plus one above the last;
    /// the count written is their total, so <c>+Inf</c> always equals <c>_count</c>.</summary>
    public void WriteHistogram(string name, string labels, IReadOnlyList<double> bounds, IReadOnlyList<long> bucketCounts, double sum)
    {
        if (bucketCounts.Count != bounds.Count + 1)
            throw new ArgumentException($"A histogram needs one count per bound plus one above the last: {bounds.Count} bounds, {bucketCounts.Count} counts.", nameof(bucketCounts));
        var prefix = labels.Length > 0 ? labels + "," : "";
        long cumulative = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            cumulative += bucketCounts[i];
            WriteSample(name + "_bucket", prefix + "le=\"" + FormatValue(bounds[i]) + "\"", cumulative);
        }
        cumulative += bucketCounts[^1];
        WriteSample(name + "_bucket", prefix + "le=\"+Inf\"", cumulative);
        WriteSample(name + "_sum", labels, sum);
        WriteSample(name + "_count", labels, cumulative);
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>A metric name in the allowed alphabet <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>: '.', '-' and any other character
    /// become '_', a leading digit gets a '_' in front.</summary>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A label name in <c>[a-zA-Z_][a-zA-Z0-9_]*</c>; names starting with "__" are reserved by Prometheus and
    /// keep a single leading '_'.</summary>
    public static string SanitizeLabelName(string name)
    {
        var sanitized = Sanitize(name, allowColon: false);
        while (sanitized.StartsWith("__", StringComparison.Ordinal)) sanitized = sanitized[1..];
        return sanitized;
    }

    /// <summary>A label value escaped for the text format: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0) return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '"' => escaped.Append("\\\""),
                '\n' => escaped.Append(@"\n"),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    /// <summary>A help text escaped for the text format: backslash and line feed.</summary>
    public static string EscapeHelp(string help)
        => help.AsSpan().IndexOfAny('\\', '\n') < 0 ? help : help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>Labels rendered as <c>name="value",...</c>, names sanitised, sorted by name, the first of duplicate names
    /// kept; empty for no labels.</summary>
    public static string RenderLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels) sorted.TryAdd(SanitizeLabelName(name), value);
        if (sorted.Count == 0) return "";
        var text = new StringBuilder();
        foreach (var (name, value) in sorted)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }
        return text.ToString();
    }

    /// <summary>A sample value as Prometheus reads it: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0) return "_";
        var text = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0])) text.Append('_');
        foreach (var c in name)
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        return text.ToString();
    }
}

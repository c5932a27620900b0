using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cluster.Silo.Tests.Metrics;

/// <summary>A strict reader of the Prometheus text exposition format 0.0.4, as a scraper would reject it: every sample
/// belongs to a family declared by a TYPE line, a family's lines are together, suffixes match the type, label syntax
/// and escapes are exact, no series twice, counters end in "_total" and never go negative, and histogram buckets are
/// ascending and cumulative with <c>+Inf</c> equal to <c>_count</c>. Throws <see cref="FormatException"/> naming the line.</summary>
internal static partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the exposition does not end with a line feed");
        if (text.Contains('\r')) throw new FormatException("the exposition contains a carriage return");
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        PrometheusFamily? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.Length == 0) throw new FormatException($"{where}: empty line");
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length < 4 && parts[1] == "TYPE") throw new FormatException($"{where}: TYPE without a type");
                var name = parts[2];
                if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: invalid metric name '{name}'");
                if (current?.Name != name && families.ContainsKey(name))
                    throw new FormatException($"{where}: family {name} is declared again after other lines");
                families.TryGetValue(name, out var family);
                if (family is not null && family.Samples.Count > 0) throw new FormatException($"{where}: {parts[1]} of {name} after its samples");
                if (parts[1] == "HELP")
                {
                    if (family?.Help is not null) throw new FormatException($"{where}: second HELP for {name}");
                    var help = parts.Length == 4 ? UnescapeHelp(parts[3], where) : "";
                    family = (family ?? new PrometheusFamily(name)) with { Help = help };
                }
                else
                {
                    if (family?.Type is not null) throw new FormatException($"{where}: second TYPE for {name}");
                    if (!Types.Contains(parts[3])) throw new FormatException($"{where}: unknown type '{parts[3]}'");
                    family = (family ?? new PrometheusFamily(name)) with { Type = parts[3] };
                }
                families[name] = family;
                current = family;
                continue;
            }
            if (line.StartsWith('#')) continue; // another comment

            var sample = ParseSample(line, where);
            var owner = OwnerOf(sample.Name, families)
                ?? throw new FormatException($"{where}: sample {sample.Name} belongs to no family declared with a TYPE line");
            if (current?.Name != owner.Name)
                throw new FormatException($"{where}: sample of {owner.Name} is not with its family's HELP, TYPE and other samples");
            if (!series.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}"))
                throw new FormatException($"{where}: the same series appears twice");
            if (owner.Type == "counter")
            {
                if (!owner.Name.EndsWith("_total", StringComparison.Ordinal)) throw new FormatException($"{where}: counter {owner.Name} does not end in _total");
                if (double.IsNaN(sample.Value) || sample.Value < 0) throw new FormatException($"{where}: counter value {sample.Value} is negative or NaN");
            }
            if (owner.Type == "histogram" && sample.Name.EndsWith("_bucket", StringComparison.Ordinal) && !sample.Labels.ContainsKey("le"))
                throw new FormatException($"{where}: histogram bucket without le");
            owner.Samples.Add(sample);
            current = owner;
        }
        foreach (var family in families.Values)
        {
            if (family.Type is null) throw new FormatException($"family {family.Name} has HELP but no TYPE");
            if (family.Type == "histogram") CheckHistogram(family);
        }
        return families;
    }

    /// <summary>The family a sample name belongs to, by the suffixes its type allows.</summary>
    private static PrometheusFamily? OwnerOf(string name, Dictionary<string, PrometheusFamily> families)
    {
        if (families.TryGetValue(name, out var exact) && exact.Type is "counter" or "gauge" or "untyped" or "summary") return exact;
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (families.TryGetValue(name[..^suffix.Length], out var family)
                && (family.Type == "histogram" || (family.Type == "summary" && suffix != "_bucket"))) return family;
        }
        return null;
    }

    private static void CheckHistogram(PrometheusFamily family)
    {
        foreach (var group in family.Samples.GroupBy(s => LabelsWithout(s.Labels, "le")))
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count")
                ?? throw new FormatException($"{family.Name}{{{group.Key}}} has no _count");
            _ = group.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"{family.Name}{{{group.Key}}} has no _sum");
            if (buckets.Count == 0) throw new FormatException($"{family.Name}{{{group.Key}}} has no buckets");
            var previousBound = double.NegativeInfinity;
            var previousCount = 0.0;
            foreach (var bucket in buckets)
            {
                var le = bucket.Labels["le"];
                var bound = le == "+Inf" ? double.PositiveInfinity
                    : double.TryParse(le, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : throw new FormatException($"{family.Name}{{{group.Key}}}: le=\"{le}\" is not a number");
                if (bound <= previousBound) throw new FormatException($"{family.Name}{{{group.Key}}}: le {le} does not ascend");
                if (bucket.Value < previousCount) throw new FormatException($"{family.Name}{{{group.Key}}}: bucket le={le} ({bucket.Value}) is below the previous ({previousCount}): not cumulative");
                previousBound = bound;
                previousCount = bucket.Value;
            }
            if (!double.IsPositiveInfinity(previousBound)) throw new FormatException($"{family.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\"");
            if (previousCount != count.Value) throw new FormatException($"{family.Name}{{{group.Key}}}: +Inf bucket {previousCount} differs from _count {count.Value}");
        }
    }

    private static string LabelsWithout(IReadOnlyDictionary<string, string> labels, string name)
        => string.Join(",", labels.Where(l => l.Key != name).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""));

    private static PrometheusSample ParseSample(string line, string where)
    {
        var nameMatch = MetricNameAtStart().Match(line);
        if (!nameMatch.Success) throw new FormatException($"{where}: no metric name");
        var name = nameMatch.Value;
        var position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                if (position >= line.Length) throw new FormatException($"{where}: unterminated label set");
                if (line[position] == '}') { position++; break; }
                var labelMatch = LabelNameAt().Match(line, position);
                if (!labelMatch.Success || labelMatch.Index != position) throw new FormatException($"{where}: invalid label name at column {position + 1}");
                var labelName = labelMatch.Value;
                if (labelName.StartsWith("__", StringComparison.Ordinal)) throw new FormatException($"{where}: reserved label name {labelName}");
                position += labelName.Length;
                if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"') throw new FormatException($"{where}: label {labelName} is not followed by =\"");
                position += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length) throw new FormatException($"{where}: unterminated value of label {labelName}");
                    var c = line[position++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (position >= line.Length) throw new FormatException($"{where}: dangling backslash in label {labelName}");
                        var escaped = line[position++];
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"{where}: invalid escape \\{escaped} in label {labelName}"),
                        });
                    }
                    else value.Append(c);
                }
                if (!labels.TryAdd(labelName, value.ToString())) throw new FormatException($"{where}: label {labelName} twice");
                if (position < line.Length && line[position] == ',') position++;
                else if (position >= line.Length || line[position] != '}') throw new FormatException($"{where}: expected ',' or '}}' after label {labelName}");
            }
        }
        if (position >= line.Length || line[position] != ' ') throw new FormatException($"{where}: no space before the value");
        var rest = line[(position + 1)..].Split(' ');
        if (rest.Length is 0 or > 2) throw new FormatException($"{where}: expected a value and an optional timestamp");
        var value2 = ParseValue(rest[0]) ?? throw new FormatException($"{where}: invalid value '{rest[0]}'");
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"{where}: invalid timestamp '{rest[1]}'");
        return new PrometheusSample(name, labels, value2);
    }

    private static double? ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    private static string UnescapeHelp(string help, string where)
    {
        var text = new StringBuilder();
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] != '\\') { text.Append(help[i]); continue; }
            if (++i >= help.Length) throw new FormatException($"{where}: dangling backslash in HELP");
            text.Append(help[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw new FormatException($"{where}: invalid escape \\{help[i]} in HELP"),
            });
        }
        return text.ToString();
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricNameAtStart();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelNameAt();
}

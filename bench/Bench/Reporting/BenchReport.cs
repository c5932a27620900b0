namespace Cluster.Bench.Reporting;

/// <summary>How every benchmark reports: one "name: value unit" line per figure on stdout (the lines the README quotes,
/// easy to parse), and how a figure was measured on stderr as "# ..." lines.</summary>
public static class BenchReport
{
    public static void Print(string name, double value, string unit) => Console.WriteLine(FormattableString.Invariant($"{name}: {value:0.##} {unit}"));

    public static void Note(string text) => Console.Error.WriteLine("# " + text);
}

namespace Cluster.Silo.Dashboard.Api;

/// <summary>One chart series aligned with <see cref="HistoryView.Times"/>: calls/s, errors/s, average and p99 latency
/// per sample (null where there was no data).</summary>
public sealed record SeriesView(string Name, IReadOnlyList<double?> CallsPerSecond, IReadOnlyList<double?> ErrorsPerSecond,
    IReadOnlyList<double?> AverageMs, IReadOnlyList<double?> P99Ms);

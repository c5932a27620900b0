namespace Cluster.Silo.Dashboard.History;

/// <summary>A copy of the chart history: sample times, cluster activations, and the series in total, per grain type
/// and per "type.method", each aligned with the times.</summary>
public sealed record HistorySnapshot(
    IReadOnlyList<DateTimeOffset> Times,
    IReadOnlyList<int> Activations,
    IReadOnlyList<HistorySample?> Total,
    IReadOnlyDictionary<string, IReadOnlyList<HistorySample?>> ByType,
    IReadOnlyDictionary<string, IReadOnlyList<HistorySample?>> ByMethod);

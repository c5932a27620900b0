namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/history</c>: the charts' data over the last minutes, in total, per grain
/// type and per method (the busiest methods only).</summary>
public sealed record HistoryView(IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<int> Activations, SeriesView Total,
    IReadOnlyList<SeriesView> Types, IReadOnlyList<SeriesView> Methods);

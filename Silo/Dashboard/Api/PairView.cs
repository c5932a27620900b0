namespace Cluster.Silo.Dashboard.Api;

/// <summary>One channel pair in the dashboard: counts, errors, where it lives, and its forward latency (from a message's
/// arrival at our system, when the account read the update, to its delivery to every destination) as percentiles and
/// as a histogram of its recent messages.</summary>
public sealed record PairView(
    string PairId,
    string? Name,
    string? AccountId,
    string State,
    string? SiloId,
    string? SourceTitle,
    int Destinations,
    long Received,
    long Forwarded,
    long Failed,
    long Filtered,
    string? LastError,
    long LatencyCount,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    IReadOnlyList<HistogramBucket> Histogram);

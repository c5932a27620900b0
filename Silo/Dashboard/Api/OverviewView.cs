namespace Cluster.Silo.Dashboard.Api;

/// <summary>The dashboard's headline figures and its "top methods" lists. Rates come from the silo's chart history
/// (the last sampling interval); counts are since each silo started.</summary>
public sealed record OverviewView(
    int TotalActivations,
    int ActiveSilos,
    double CallsPerSecond,
    double ErrorRate,
    double AverageLatencyMs,
    long TotalCalls,
    long TotalErrors,
    IReadOnlyList<MethodView> TopByCalls,
    IReadOnlyList<MethodView> TopByErrors,
    IReadOnlyList<MethodView> TopByLatency);

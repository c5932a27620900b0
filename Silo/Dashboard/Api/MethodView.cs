namespace Cluster.Silo.Dashboard.Api;

/// <summary>Calls of one grain method (or of a whole grain type when <see cref="Method"/> is null) summed over the
/// silos: counts since each silo started, average and p99 latency (the worst silo's p99).</summary>
public sealed record MethodView(string GrainType, string? Method, long Calls, long Errors, double AverageMs, double P99Ms);

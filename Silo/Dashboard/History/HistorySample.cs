namespace Cluster.Silo.Dashboard.History;

/// <summary>One point of a chart series: the rates over the interval that ended at the sample's time.</summary>
public sealed record HistorySample(double CallsPerSecond, double ErrorsPerSecond, double AverageMs, double P99Ms);

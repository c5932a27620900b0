namespace Cluster.Silo.Tests.Metrics;

/// <summary>One metric family as read from a scrape: its TYPE, HELP and samples in order.</summary>
internal sealed record PrometheusFamily(string Name)
{
    public string? Type { get; init; }
    public string? Help { get; init; }
    public List<PrometheusSample> Samples { get; } = [];

    /// <summary>The sum of the samples named <paramref name="sampleName"/> (the family name by default) whose labels
    /// include all of <paramref name="labels"/>; 0 when there are none.</summary>
    public double Sum(string? sampleName = null, params (string Name, string Value)[] labels)
        => Samples.Where(s => s.Name == (sampleName ?? Name) && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);
}

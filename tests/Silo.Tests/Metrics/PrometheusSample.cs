namespace Cluster.Silo.Tests.Metrics;

/// <summary>One sample line: name, labels (unescaped) and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

namespace Cluster.Silo.Dashboard.Api;

/// <summary>How many activations of one grain type each silo holds.</summary>
public sealed record TypeActivationsView(string GrainType, int Total, IReadOnlyDictionary<string, int> BySilo);

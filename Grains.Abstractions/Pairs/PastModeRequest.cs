namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Republish the source chat's history between two message ids, inclusive, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PastModeRequest")]
public sealed record PastModeRequest([Id(0)] long FromMessageId, [Id(1)] long ToMessageId);

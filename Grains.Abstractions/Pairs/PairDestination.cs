namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>A destination of a pair: the reference as configured and, once resolved by the account, its chat id and title.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairDestination")]
public sealed record PairDestination([Id(0)] string Reference, [Id(1)] long? ChatId, [Id(2)] string? Title);

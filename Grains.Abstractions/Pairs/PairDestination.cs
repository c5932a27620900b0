namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>A destination of a pair: the reference as configured and, once resolved by the account, its chat id and title.</summary>
public sealed record PairDestination(string Reference, long? ChatId, string? Title);

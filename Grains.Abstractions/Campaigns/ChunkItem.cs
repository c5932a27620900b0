namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>A recipient handed from its chunk to the campaign: its place in the audience (<see cref="Position"/>), reference,
/// values, attempts so far, and for a send in doubt the account that was sending and when it began.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ChunkItem")]
public sealed record ChunkItem(
    [Id(0)] int Position,
    [Id(1)] string Reference,
    [Id(2)] IReadOnlyDictionary<string, string>? Variables,
    [Id(3)] int Attempts,
    [Id(4)] string? AccountId = null,
    [Id(5)] DateTimeOffset? IntentAt = null);

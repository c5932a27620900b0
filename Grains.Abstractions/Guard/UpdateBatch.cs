namespace Cluster.Grains.Abstractions.Guard;

/// <summary>Updates polled in one getUpdates call, as the Bot API's JSON (one string per update), plus the offset to save.</summary>
/// <remarks>Kept as JSON so this assembly does not depend on the Bot API wire types; fields the bot does not model are ignored.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.UpdateBatch")]
public sealed record UpdateBatch([Id(0)] IReadOnlyList<string> Updates, [Id(1)] long? NextOffset);

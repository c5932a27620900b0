namespace Cluster.Grains.Abstractions.Guard;

/// <summary>Updates polled in one getUpdates call, as the Bot API's JSON (one string per update), plus the offset to save.</summary>
/// <remarks>Kept as JSON so this assembly does not depend on the Bot API wire types; fields the bot does not model are ignored.</remarks>
public sealed record UpdateBatch(IReadOnlyList<string> Updates, long? NextOffset);

namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>A new broadcast: which bot sends it (its id, the part of the token before the colon), what, and where its progress
/// message goes (null: no progress message, e.g. from the command line).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.BroadcastRequest")]
public sealed record BroadcastRequest([Id(0)] long BotId, [Id(1)] BroadcastMessage Message, [Id(2)] ProgressChat? Progress = null);

using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>Where one source message was republished: its copies in every destination (the serialised form of
/// <see cref="MessageIdMap"/>).</summary>
public sealed record MessageIdMapEntry(long SourceId, IReadOnlyList<MessageRef> Destinations);

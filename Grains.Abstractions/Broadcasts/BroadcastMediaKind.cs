namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>The kind of media a broadcast sends by file id (the text is then its caption).</summary>
[GenerateSerializer, Alias("Cluster.BroadcastMediaKind")]
public enum BroadcastMediaKind
{
    Photo,
    Video,
    Document,
    Animation,
}

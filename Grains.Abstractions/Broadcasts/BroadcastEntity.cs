namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One formatting entity of a broadcast's text, as the Bot API's MessageEntity: its type name ("bold", "text_link", ...),
/// UTF-16 offset and length, and the URL of a text link.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.BroadcastEntity")]
public sealed record BroadcastEntity([Id(0)] string Type, [Id(1)] int Offset, [Id(2)] int Length, [Id(3)] string? Url = null);

using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Messages;

/// <summary>A text or caption with its entities, as exchanged between account and pair grains.
/// Entities are kept sorted by offset and always lie inside <see cref="Text"/>.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.MessageText")]
public sealed record MessageText([Id(0)] string Text, [Id(1)] IReadOnlyList<MessageEntity> Entities)
{
    /// <summary>No text at all (media without a caption).</summary>
    public static MessageText Empty { get; } = new(string.Empty, []);

    public static MessageText Plain(string text) => new(text, []);

    [JsonIgnore]
    public bool IsEmpty => Text.Length == 0;
}

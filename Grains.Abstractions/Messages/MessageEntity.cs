using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Messages;

/// <summary>A text entity (bold, link, mention, ...) by UTF-16 offset and length, as Telegram counts them.
/// The grains' own copy of the account port's entity, so grain interfaces do not depend on the Telegram project.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.MessageEntity")]
public sealed record MessageEntity([Id(0)] int Offset, [Id(1)] int Length, [Id(2)] string Type, [Id(3)] string? Url = null)
{
    /// <summary>The first UTF-16 position after the entity.</summary>
    [JsonIgnore]
    public int End => Offset + Length;
}

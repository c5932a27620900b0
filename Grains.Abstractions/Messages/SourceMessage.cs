using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Messages;

/// <summary>A message of a source chat as the account grain hands it to the pairs subscribed to that chat.
/// Messages of one album share a non-zero <see cref="MediaAlbumId"/>; <see cref="Text"/> is the text or the caption.</summary>
public sealed record SourceMessage(
    long ChatId,
    long Id,
    long? SenderUserId,
    long? SenderChatId,
    DateTimeOffset Date,
    DateTimeOffset? EditDate,
    MessageText Text,
    MessageMediaKind Media,
    long MediaAlbumId,
    bool IsForwarded)
{
    [JsonIgnore]
    public bool HasMedia => Media != MessageMediaKind.None;

    [JsonIgnore]
    public bool IsInAlbum => MediaAlbumId != 0;
}

using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Messages;

/// <summary>A message of a source chat as the account grain hands it to the pairs subscribed to that chat (and of any chat
/// it reads). Messages of one album share a non-zero <see cref="MediaAlbumId"/>; <see cref="Text"/> is the text or the
/// caption. <see cref="ReplyToMessageId"/> is the message of the same chat it replies to; <see cref="ForwardedFrom"/> the
/// channel post its forward header names; <see cref="IsOutgoing"/> whether the account itself sent it.
/// <see cref="Date"/> is Telegram's date of the message (whole seconds); <see cref="ArrivedAt"/> the instant our account
/// read the update from its Telegram client (null for a message fetched from the history), from which a pair measures
/// its forward latency.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SourceMessage")]
public sealed record SourceMessage(
    [Id(0)] long ChatId,
    [Id(1)] long Id,
    [Id(2)] long? SenderUserId,
    [Id(3)] long? SenderChatId,
    [Id(4)] DateTimeOffset Date,
    [Id(5)] DateTimeOffset? EditDate,
    [Id(6)] MessageText Text,
    [Id(7)] MessageMediaKind Media,
    [Id(8)] long MediaAlbumId,
    [Id(9)] bool IsForwarded,
    [Id(10)] long? ReplyToMessageId = null,
    [Id(11)] MessageRef? ForwardedFrom = null,
    [Id(12)] bool IsOutgoing = false,
    [Id(13)] DateTimeOffset? ArrivedAt = null)
{
    [JsonIgnore]
    public bool HasMedia => Media != MessageMediaKind.None;

    [JsonIgnore]
    public bool IsInAlbum => MediaAlbumId != 0;
}

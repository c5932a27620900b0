using Cluster.Grains.Abstractions.Messages;
using Cluster.Telegram.Accounts;
using GrainChatKind = Cluster.Grains.Abstractions.Accounts.ChatKind;
using ResolvedChat = Cluster.Grains.Abstractions.Accounts.ResolvedChat;

namespace Cluster.Grains.Accounts;

/// <summary>Translates between the account port's types (Telegram project) and the grain records, so grain
/// interfaces stay free of the Telegram project. One place, so nothing is translated twice in two ways.</summary>
public static class AccountMessageMapper
{
    /// <summary>The grain record of a message; <paramref name="arrivedAt"/> is when the account read it from its client
    /// (live updates), null for messages read from the history.</summary>
    public static SourceMessage ToSource(AccountMessage m, DateTimeOffset? arrivedAt = null) => new(
        m.ChatId, m.Id, m.SenderUserId, m.SenderChatId, m.Date, m.EditDate, ToGrain(m.Text), ToGrain(m.Media), m.MediaAlbumId, m.IsForwarded,
        m.ReplyToMessageId, m.ForwardedFrom is { } from ? new MessageRef(from.ChatId, from.MessageId) : null, m.IsOutgoing, arrivedAt);

    public static MessageText ToGrain(FormattedText text)
        => new(text.Text, text.Entities.Select(e => new MessageEntity(e.Offset, e.Length, e.Type, e.Url)).ToArray());

    public static FormattedText ToPort(MessageText text)
        => new(text.Text, text.Entities.Select(e => new TextEntity(e.Offset, e.Length, e.Type, e.Url)).ToArray());

    public static MessageMediaKind ToGrain(MediaKind kind) => kind switch
    {
        MediaKind.None => MessageMediaKind.None,
        MediaKind.Photo => MessageMediaKind.Photo,
        MediaKind.Video => MessageMediaKind.Video,
        MediaKind.Document => MessageMediaKind.Document,
        MediaKind.Audio => MessageMediaKind.Audio,
        MediaKind.Voice => MessageMediaKind.Voice,
        MediaKind.Animation => MessageMediaKind.Animation,
        MediaKind.Sticker => MessageMediaKind.Sticker,
        MediaKind.VideoNote => MessageMediaKind.VideoNote,
        _ => MessageMediaKind.Other,
    };

    public static ResolvedChat ToGrain(ChatInfo chat) => new(chat.Id, chat.Kind switch
    {
        global::Cluster.Telegram.Accounts.ChatKind.Private => GrainChatKind.Private,
        global::Cluster.Telegram.Accounts.ChatKind.BasicGroup => GrainChatKind.BasicGroup,
        global::Cluster.Telegram.Accounts.ChatKind.Supergroup => GrainChatKind.Supergroup,
        _ => GrainChatKind.Channel,
    }, chat.Title, chat.Username, chat.IsMember, chat.CanPost);

    public static MessageRef ToRef(AccountMessage m) => new(m.ChatId, m.Id);
}

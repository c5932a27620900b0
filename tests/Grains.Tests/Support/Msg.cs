using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Tests.Support;

/// <summary>Builds source messages for tests with sensible defaults.</summary>
public static class Msg
{
    public const long Chat = -100123;
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static SourceMessage Text(long id, string text, params MessageEntity[] entities)
        => new(Chat, id, 42, null, T0, null, new MessageText(text, entities), MessageMediaKind.None, 0, false);

    public static SourceMessage Media(long id, MessageMediaKind kind, string caption = "", long album = 0)
        => new(Chat, id, 42, null, T0, null, MessageText.Plain(caption), kind, album, false);

    public static SourceMessage From(this SourceMessage m, long? user, long? chat = null) => m with { SenderUserId = user, SenderChatId = chat };
}

namespace Cluster.TelegramSim.World;

/// <summary>What a client asks to send: text or a caption, optional media (by file id or a new upload)
/// and an optional inline keyboard.</summary>
public sealed record SimOutgoingMessage(
    string? Text,
    IReadOnlyList<SimEntity>? Entities = null,
    SimMedia? Media = null,
    SimInlineKeyboard? ReplyMarkup = null,
    long? ReplyToMessageId = null)
{
    public static SimOutgoingMessage Plain(string text) => new(text);
}

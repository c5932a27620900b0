namespace Cluster.Telegram.Bots.Types;

/// <summary>A general file (core.telegram.org/bots/api#document).</summary>
/// <remarks>Embedded in <see cref="Message.Document"/>.</remarks>
public sealed record Document
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public PhotoSize? Thumbnail { get; init; }
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public long? FileSize { get; init; }
}

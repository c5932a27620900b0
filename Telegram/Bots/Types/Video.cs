namespace Cluster.Telegram.Bots.Types;

/// <summary>A video file (core.telegram.org/bots/api#video).</summary>
/// <remarks>Embedded in <see cref="Message.Video"/>.</remarks>
public sealed record Video
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    public int Duration { get; init; }
    public PhotoSize? Thumbnail { get; init; }
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public long? FileSize { get; init; }
}

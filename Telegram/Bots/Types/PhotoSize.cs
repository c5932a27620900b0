namespace Cluster.Telegram.Bots.Types;

/// <summary>One size of a photo or thumbnail (core.telegram.org/bots/api#photosize).</summary>
/// <remarks>A photo message carries several, smallest first.</remarks>
public sealed record PhotoSize
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    public long? FileSize { get; init; }
}

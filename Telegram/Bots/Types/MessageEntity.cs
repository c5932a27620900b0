namespace Cluster.Telegram.Bots.Types;

/// <summary>A special entity in a text or caption: mention, link, bold, ... (core.telegram.org/bots/api#messageentity).</summary>
/// <remarks>Offsets and lengths are in UTF-16 code units, as .NET strings are.</remarks>
public sealed record MessageEntity
{
    public string Type { get; init; } = "";
    public int Offset { get; init; }
    public int Length { get; init; }
    public string? Url { get; init; }
    public User? User { get; init; }
    public string? Language { get; init; }
    public string? CustomEmojiId { get; init; }
}

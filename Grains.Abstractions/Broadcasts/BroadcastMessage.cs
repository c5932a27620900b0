namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>What a broadcast sends to every subscriber: text with its formatting entities, optionally media by file id (the text
/// is then the caption).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.BroadcastMessage")]
public sealed record BroadcastMessage(
    [Id(0)] string Text,
    [Id(1)] IReadOnlyList<BroadcastEntity>? Entities = null,
    [Id(2)] BroadcastMediaKind? MediaKind = null,
    [Id(3)] string? MediaFileId = null)
{
    /// <summary>Telegram's limits: 4096 characters of text, 1024 of a caption.</summary>
    public const int MaxTextLength = 4096, MaxCaptionLength = 1024;

    /// <summary>Why this message cannot be sent, or null when it can.</summary>
    public string? Problem()
    {
        var text = Text ?? "";
        if (MediaKind is null && MediaFileId is not null) return "a media file id was given without its kind (photo, video, document or animation).";
        if (MediaKind is not null && string.IsNullOrWhiteSpace(MediaFileId)) return $"a {MediaKind.Value.ToString().ToLowerInvariant()} needs its file id.";
        if (MediaKind is null && string.IsNullOrWhiteSpace(text)) return "the message is empty: send some text (or media with a caption).";
        var max = MediaKind is null ? MaxTextLength : MaxCaptionLength;
        if (text.Length > max) return $"the {(MediaKind is null ? "text" : "caption")} has {text.Length} characters; Telegram allows {max}.";
        foreach (var e in Entities ?? [])
        {
            if (string.IsNullOrWhiteSpace(e.Type)) return "an entity has no type.";
            if (e.Offset < 0 || e.Length <= 0 || e.Offset + e.Length > text.Length)
                return $"the {e.Type} entity at {e.Offset} (length {e.Length}) lies outside the text.";
        }
        return null;
    }
}

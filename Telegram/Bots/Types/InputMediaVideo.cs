namespace Cluster.Telegram.Bots.Types;

/// <summary>A video in a media group (core.telegram.org/bots/api#inputmediavideo).</summary>
/// <remarks>Serialised with <c>"type": "video"</c>.</remarks>
public sealed record InputMediaVideo : InputMedia
{
    public bool? ShowCaptionAboveMedia { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int? Duration { get; init; }
    public bool? SupportsStreaming { get; init; }
    public bool? HasSpoiler { get; init; }
}

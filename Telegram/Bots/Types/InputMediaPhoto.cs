namespace Cluster.Telegram.Bots.Types;

/// <summary>A photo in a media group (core.telegram.org/bots/api#inputmediaphoto).</summary>
/// <remarks>Serialised with <c>"type": "photo"</c>.</remarks>
public sealed record InputMediaPhoto : InputMedia
{
    public bool? ShowCaptionAboveMedia { get; init; }
    public bool? HasSpoiler { get; init; }
}

namespace Cluster.Telegram.Bots.Types;

/// <summary>A document in a media group (core.telegram.org/bots/api#inputmediadocument).</summary>
/// <remarks>Serialised with <c>"type": "document"</c>; documents group only with documents.</remarks>
public sealed record InputMediaDocument : InputMedia
{
    public bool? DisableContentTypeDetection { get; init; }
}

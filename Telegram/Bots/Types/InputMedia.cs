using System.Text.Json.Serialization;

namespace Cluster.Telegram.Bots.Types;

/// <summary>One item of sendMediaGroup (core.telegram.org/bots/api#inputmedia): photo, video or document, by file_id or URL.</summary>
/// <remarks>The <c>type</c> field is the discriminator; <see cref="Media"/> is a file_id or an HTTP URL (uploads are not supported).</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(InputMediaPhoto), "photo")]
[JsonDerivedType(typeof(InputMediaVideo), "video")]
[JsonDerivedType(typeof(InputMediaDocument), "document")]
public abstract record InputMedia
{
    public string Media { get; init; } = "";
    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public IReadOnlyList<MessageEntity>? CaptionEntities { get; init; }
}

namespace Cluster.Telegram.Bots.Types;

/// <summary>How a link preview is shown (core.telegram.org/bots/api#linkpreviewoptions).</summary>
/// <remarks>Replaces the older disable_web_page_preview flag.</remarks>
public sealed record LinkPreviewOptions
{
    public bool? IsDisabled { get; init; }
    public string? Url { get; init; }
    public bool? PreferSmallMedia { get; init; }
    public bool? PreferLargeMedia { get; init; }
    public bool? ShowAboveText { get; init; }
}

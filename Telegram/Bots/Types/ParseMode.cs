namespace Cluster.Telegram.Bots.Types;

/// <summary>The values of <c>parse_mode</c> (core.telegram.org/bots/api#formatting-options).</summary>
/// <remarks>MarkdownV2 needs its special characters escaped; HTML is the easier choice for generated text.</remarks>
public static class ParseMode
{
    public const string Html = "HTML";
    public const string MarkdownV2 = "MarkdownV2";
    public const string Markdown = "Markdown";
}

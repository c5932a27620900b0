namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of answerCallbackQuery (core.telegram.org/bots/api#answercallbackquery).</summary>
/// <remarks>Text up to 200 characters, shown as a toast or, with show_alert, as a dialog.</remarks>
public sealed record AnswerCallbackQueryRequest
{
    public string CallbackQueryId { get; init; } = "";
    public string? Text { get; init; }
    public bool? ShowAlert { get; init; }
    public string? Url { get; init; }
    public int? CacheTime { get; init; }
}

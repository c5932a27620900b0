namespace Cluster.Telegram.Bots.Types;

/// <summary>One button of an inline keyboard (core.telegram.org/bots/api#inlinekeyboardbutton).</summary>
/// <remarks>Exactly one of the optional fields is meant to be set; use <see cref="WithUrl"/> or <see cref="WithCallbackData"/>.</remarks>
public sealed record InlineKeyboardButton
{
    public string Text { get; init; } = "";
    public string? Url { get; init; }
    public string? CallbackData { get; init; }
    public string? SwitchInlineQuery { get; init; }
    public string? SwitchInlineQueryCurrentChat { get; init; }
    public bool? Pay { get; init; }

    public static InlineKeyboardButton WithUrl(string text, string url) => new() { Text = text, Url = url };

    public static InlineKeyboardButton WithCallbackData(string text, string data) => new() { Text = text, CallbackData = data };
}

using System.Text;
using Cluster.AdminBot.Commands;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.AdminBot.TelegramFrontEnd;

/// <summary>Turns a reply's shortcut buttons into Telegram.Bot's inline keyboard, and keeps texts within Telegram's limits.</summary>
internal static class KeyboardMapper
{
    /// <summary>Telegram's limit on callback data, in bytes.</summary>
    public const int MaxCallbackDataBytes = 64;

    /// <summary>Telegram's limit on a message's text, in characters.</summary>
    public const int MaxTextLength = 4096;

    public static InlineKeyboardMarkup? ToKeyboard(AdminReply reply)
    {
        var rows = reply.Buttons
            .Select(row => row.Where(b => Encoding.UTF8.GetByteCount(b.Command) <= MaxCallbackDataBytes)
                .Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Command)).ToList())
            .Where(row => row.Count > 0).ToList();
        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }

    public static string Fit(string text) => text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";

    public static string FitToast(string text) => text.Length <= 200 ? text : text[..199] + "…";
}

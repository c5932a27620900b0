using System.Text.RegularExpressions;
using Cluster.Telegram.Accounts;

namespace Cluster.Telegram.Diagnostics;

/// <summary>Masks, in free text (an error, a log message, audited arguments), whatever has the shape of a Telegram secret:
/// a bot token keeps only its bot id, an api_hash (32 hex digits) is replaced, a phone number keeps its prefix and last two
/// digits. A second guard behind callers that mask what they know to be secret; the one rule for the dashboard and the audit log.</summary>
public static partial class SecretText
{
    public const string Masked = "***";

    public static string Mask(string text)
    {
        text = BotToken().Replace(text, m => m.Groups["id"].Value + ":" + Masked);
        text = ApiHash().Replace(text, Masked);
        return PhoneNumber().Replace(text, m => PhoneNumberMask.Mask(m.Value) ?? Masked);
    }

    // A bot token: the bot's numeric id, a colon, 30+ characters of its secret part.
    [GeneratedRegex(@"(?<id>\b\d{5,15}):[A-Za-z0-9_-]{30,}")]
    private static partial Regex BotToken();

    // An api_hash from my.telegram.org: 32 hex digits.
    [GeneratedRegex(@"\b[0-9a-fA-F]{32}\b")]
    private static partial Regex ApiHash();

    // A phone number in international form (+ then 7-15 digits, spaces or dashes allowed between them).
    [GeneratedRegex(@"\+\d(?:[ -]?\d){6,14}\b")]
    private static partial Regex PhoneNumber();
}

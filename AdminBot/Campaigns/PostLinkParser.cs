using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.AdminBot.Campaigns;

/// <summary>Reads the post a campaign copies, as an operator gives it: a message link as Telegram's "Copy link" makes it
/// (<c>https://t.me/news/123</c>, <c>https://t.me/c/1234567890/55</c> for a private chat the accounts are in; <c>t.me/...</c>
/// and <c>telegram.me</c> too, a query like <c>?single</c> ignored), or <c>@news/123</c> or <c>-1001234567890/55</c>. An album
/// is its ids separated by commas (<c>https://t.me/news/123,124,125</c>) or a range (<c>https://t.me/news/123-125</c>).</summary>
public static partial class PostLinkParser
{
    [GeneratedRegex(@"^(?:(?:https?://)?(?:www\.)?(?:t|telegram)\.me/)(?:(?<c>c)/(?<internal>\d{1,15})|(?<name>[A-Za-z][A-Za-z0-9_]{3,31}))/(?<ids>[0-9,\-]+)/?(?:\?.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^(?:@(?<name>[A-Za-z][A-Za-z0-9_]{3,31})|(?<id>-?\d{1,20}))/(?<ids>[0-9,\-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortPattern();

    /// <summary>Whether the text is meant as a post link (one word that is a t.me link or the short form), so a typed message
    /// whose first line is one is read as a post to copy; a sentence that mentions a link is a text.</summary>
    public static bool LooksLikeLink(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.Any(char.IsWhiteSpace)) return false;
        var bare = t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? t[8..] : t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? t[7..] : t;
        if (bare.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) bare = bare[4..];
        return bare.StartsWith("t.me/", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("telegram.me/", StringComparison.OrdinalIgnoreCase) || ShortPattern().IsMatch(t);
    }

    /// <summary>Parses a post reference, or says in <paramref name="error"/> why the text is none.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PostReference? post, out string error)
    {
        post = null;
        var t = (text ?? "").Trim();
        string chat;
        string ids;
        if (LinkPattern().Match(t) is { Success: true } link)
        {
            chat = link.Groups["c"].Success ? "-100" + link.Groups["internal"].Value : "@" + link.Groups["name"].Value;
            ids = link.Groups["ids"].Value;
        }
        else if (ShortPattern().Match(t) is { Success: true } short_)
        {
            chat = short_.Groups["name"].Success ? "@" + short_.Groups["name"].Value : short_.Groups["id"].Value;
            ids = short_.Groups["ids"].Value;
        }
        else
        {
            error = $"'{t}' is not a message link: give one like https://t.me/channel/123 (Telegram's \"Copy link\"), https://t.me/c/1234567890/55, or @channel/123.";
            return false;
        }
        if (!TryParseIds(ids, out var messageIds, out error)) return false;
        var reference = new PostReference(chat, messageIds);
        try
        {
            reference.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
        post = reference;
        return true;
    }

    private static bool TryParseIds(string text, out List<long> ids, out string error)
    {
        ids = [];
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !range.All(r => long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
            {
                error = $"'{part}' is not a message id or a range of ids like 123-125.";
                return false;
            }
            var from = long.Parse(range[0], CultureInfo.InvariantCulture);
            var to = long.Parse(range[^1], CultureInfo.InvariantCulture);
            if (to < from || to - from >= PostReference.MaxMessages)
            {
                error = $"'{part}' is not a range of at most {PostReference.MaxMessages} ids (an album).";
                return false;
            }
            for (var id = from; id <= to; id++) ids.Add(id);
        }
        if (ids.Count == 0)
        {
            error = "The link names no message id.";
            return false;
        }
        ids = ids.Distinct().Order().ToList();
        return true;
    }
}

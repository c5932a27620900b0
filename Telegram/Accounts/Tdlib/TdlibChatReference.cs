using System.Globalization;
using System.Text.RegularExpressions;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>A chat reference as the port accepts it: a numeric chat id, a username ("@name", "name",
/// "https://t.me/name") or an invite link ("https://t.me/+hash", "https://t.me/joinchat/hash").</summary>
internal sealed partial record TdlibChatReference(TdlibChatReferenceKind Kind, string Value, long ChatId = 0)
{
    public static TdlibChatReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var text = reference.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return new(TdlibChatReferenceKind.ChatId, text, id);
        }
        var invite = InvitePattern().Match(text);
        if (invite.Success)
        {
            // TDLib accepts this canonical form of every invite link.
            return new(TdlibChatReferenceKind.InviteLink, "https://t.me/+" + invite.Groups["hash"].Value);
        }
        var link = PublicLinkPattern().Match(text);
        var name = link.Success ? link.Groups["name"].Value : text.TrimStart('@');
        return UsernamePattern().IsMatch(name)
            ? new(TdlibChatReferenceKind.Username, name)
            : throw new ArgumentException($"'{reference}' is not a chat id, a username or an invite link.", nameof(reference));
    }

    [GeneratedRegex(@"^(?:(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog)/(?:\+|joinchat/)|tg://join\?invite=)(?<hash>[A-Za-z0-9_\-]+)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex InvitePattern();

    [GeneratedRegex(@"^(?:https?://)?(?:t\.me|telegram\.me|telegram\.dog)/(?<name>[A-Za-z0-9_]+)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PublicLinkPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cluster.Telegram.Accounts;

/// <summary>How a user to write to privately is named: a numeric user id, a username, or a phone number.</summary>
public enum UserReferenceKind { UserId, Username, Phone }

/// <summary>A user reference as campaigns and <see cref="IAccountClient.ResolveUserAsync"/> accept it, in its canonical
/// form: a positive user id ("123456789"), "@username" (5-32 letters, digits and underscores, starting with a letter;
/// "name" and "https://t.me/name" are accepted too), or a phone number in international form ("+15551234567", spaces,
/// dashes, dots and brackets ignored, 7-15 digits).</summary>
public sealed partial record UserReference(UserReferenceKind Kind, string Value)
{
    /// <summary>The canonical text: the id, "@username" or "+digits".</summary>
    public override string ToString() => Kind switch
    {
        UserReferenceKind.Username => "@" + Value,
        UserReferenceKind.Phone => "+" + Value,
        _ => Value,
    };

    /// <summary>The user id, for a <see cref="UserReferenceKind.UserId"/> reference.</summary>
    public long UserId => Kind == UserReferenceKind.UserId ? long.Parse(Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"{this} is no user id.");

    /// <summary>Parses a reference, or says in <paramref name="error"/> why it is none.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out UserReference? reference, out string error)
    {
        reference = null;
        var t = text?.Trim() ?? "";
        if (t.Length == 0)
        {
            error = "empty";
            return false;
        }
        if (t[0] == '+' || PhonePattern().IsMatch(t) && t.Any(c => c is ' ' or '-' or '(' or ')' or '.'))
        {
            var digits = new string(t.Where(char.IsAsciiDigit).ToArray());
            if (!PhonePattern().IsMatch(t) || digits.Length is < 7 or > 15)
            {
                error = $"'{t}' is not a phone number in international form (+ and 7-15 digits)";
                return false;
            }
            reference = new UserReference(UserReferenceKind.Phone, digits);
            error = "";
            return true;
        }
        if (t.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                error = $"'{t}' is not a user id (a positive number)";
                return false;
            }
            reference = new UserReference(UserReferenceKind.UserId, id.ToString(CultureInfo.InvariantCulture));
            error = "";
            return true;
        }
        var link = LinkPattern().Match(t);
        var name = link.Success ? link.Groups["name"].Value : t.StartsWith('@') ? t[1..] : t;
        if (!UsernamePattern().IsMatch(name))
        {
            error = $"'{t}' is not a user id, @username or phone number";
            return false;
        }
        reference = new UserReference(UserReferenceKind.Username, name);
        error = "";
        return true;
    }

    /// <summary>Parses a reference; <see cref="ArgumentException"/> naming the problem otherwise.</summary>
    public static UserReference Parse(string text)
        => TryParse(text, out var reference, out var error) ? reference : throw new ArgumentException(error, nameof(text));

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^(?:https?://)?(?:t\.me|telegram\.me)/(?<name>[A-Za-z0-9_]+)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{4,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}

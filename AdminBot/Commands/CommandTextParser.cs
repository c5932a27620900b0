namespace Cluster.AdminBot.Commands;

/// <summary>Turns what an admin typed ("/worker_stats acc1", "/add_pair --source @a --dest @b") or the command line's
/// arguments into an <see cref="AdminCommand"/>. Both front ends go through here, so they read commands alike.</summary>
public static class CommandTextParser
{
    /// <summary>Parses a chat message; null when it is not a command (no leading slash). Words are split at white space, as a
    /// shell does, except inside quotes: <c>--message "Hi all, 20% off"</c> (or “...”, as phones type them, or '...') is one
    /// value, line breaks included; the quotes are dropped. A quote that is never closed runs to the end of the message.</summary>
    public static AdminCommand? ParseMessage(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/') || trimmed.Length == 1) return null;
        var tokens = Tokens(trimmed);
        var name = tokens[0][1..];
        // In groups Telegram appends the bot's name: /workers@my_admin_bot.
        var at = name.IndexOf('@');
        if (at >= 0) name = name[..at];
        return ParseTokens(name, tokens.Skip(1));
    }

    /// <summary>Parses the command line: the first argument is the command (with or without a slash).</summary>
    public static AdminCommand? ParseArguments(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || string.IsNullOrWhiteSpace(args[0])) return null;
        return ParseTokens(args[0].TrimStart('/'), args.Skip(1));
    }

    /// <summary>The words of a chat message: white space separates them; a quote at the start of a word (or right after "=")
    /// opens a part that runs to its closing quote, white space included.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) tokens.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            if (Closing(c) is { } close && (!inWord || word[^1] == '='))
            {
                var end = text.IndexOfAny(close, i + 1);
                if (end < 0) end = text.Length;
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
                continue;
            }
            word.Append(c);
            inWord = true;
        }
        if (inWord) tokens.Add(word.ToString());
        return tokens;
    }

    /// <summary>The quotes that close one opened by <paramref name="open"/>, or null when it opens none.</summary>
    private static char[]? Closing(char open) => open switch
    {
        '"' => ['"'],
        '\'' => ['\''],
        '\u201C' or '\u201E' => ['\u201D', '\u201C'], // “...” and „...“
        '\u00AB' => ['\u00BB'], // «...»
        _ => null,
    };

    private static AdminCommand ParseTokens(string name, IEnumerable<string> rest)
    {
        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var all = new List<KeyValuePair<string, string>>();
        void Add(string key, string value)
        {
            options[key] = value;
            all.Add(new(key, value));
        }
        string? pending = null;
        foreach (var token in rest)
        {
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                if (pending is not null) Add(pending, "true");
                var body = token[2..];
                var eq = body.IndexOf('=');
                if (eq > 0) { Add(body[..eq], body[(eq + 1)..]); pending = null; }
                else pending = body;
            }
            else if (pending is not null)
            {
                Add(pending, token);
                pending = null;
            }
            else
            {
                arguments.Add(token);
            }
        }
        if (pending is not null) Add(pending, "true");
        return new AdminCommand(name.ToLowerInvariant(), arguments, options) { AllOptions = all };
    }
}

namespace Cluster.Grains.Guard;

/// <summary>A guard command parsed from a group message: its name (without '/' and '@bot') and its arguments.</summary>
/// <remarks>Only /protect, /unprotect, /status and /settings are ours; a command addressed to another bot is not.</remarks>
public sealed record GuardCommand(string Name, IReadOnlyList<string> Arguments, string RawArguments)
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "protect", "unprotect", "status", "settings" };

    /// <summary>The command in <paramref name="text"/>, or null when it is not one of ours (or names another bot).</summary>
    public static GuardCommand? Parse(string? text, string? botUsername)
    {
        if (string.IsNullOrWhiteSpace(text) || text[0] != '/') return null;
        var space = text.IndexOfAny([' ', '\n', '\t']);
        var head = space < 0 ? text[1..] : text[1..space];
        var rest = space < 0 ? "" : text[(space + 1)..].Trim();
        var at = head.IndexOf('@');
        if (at >= 0)
        {
            if (botUsername is null || !string.Equals(head[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase)) return null;
            head = head[..at];
        }
        head = head.ToLowerInvariant();
        if (!Known.Contains(head)) return null;
        return new GuardCommand(head, rest.Split([' ', '\n', '\t', ','], StringSplitOptions.RemoveEmptyEntries), rest);
    }
}

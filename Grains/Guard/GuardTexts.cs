namespace Cluster.Grains.Guard;

/// <summary>What the bot says in groups: usage lines and explanations, in one place.</summary>
/// <remarks>Plain text (no parse mode), so names with Markdown characters cannot break a message.</remarks>
internal static class GuardTexts
{
    public const string JoinedButton = "I have joined";
    public const string JoinedData = "guard:joined";

    public const string ProtectUsage = "Usage: /protect @channel [@channel2 ...] (public usernames, or numeric channel ids such as -1001234567890). " +
        "Add me to each channel as an administrator first.";
    public const string SettingsUsage = "Usage: /settings mode mute|delete · /settings warning <text> ({name} = the member's first name) · " +
        "/settings autodelete <seconds, 0 keeps warnings> · /settings allow <user id> · /settings disallow <user id>";
    public const string AdminsOnly = "Only the group's administrators can use this command.";

    public static string Warning(string template, string firstName) => template.Replace("{name}", firstName, StringComparison.Ordinal);

    /// <summary>"Ann", "Ann and Bob", "Ann, Bob and Cid", or past <paramref name="maxNames"/> "Ann, Bob, ... and 7 others".</summary>
    public static string Names(IReadOnlyList<string> names, int maxNames)
    {
        if (names.Count == 1) return names[0];
        if (names.Count <= maxNames) return string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        return string.Join(", ", names.Take(maxNames)) + $" and {names.Count - maxNames} others";
    }
}

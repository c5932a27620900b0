namespace Cluster.AdminBot.Commands;

/// <summary>A command as both front ends hand it to the handlers: its name without the slash, its positional arguments
/// and its <c>--name value</c> options (the command line's way to answer a guided conversation in one go).</summary>
public sealed record AdminCommand(string Name, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Options)
{
    public static AdminCommand Of(string name, params string[] arguments) => new(name, arguments, new Dictionary<string, string>());

    /// <summary>Every option in the order given, repeats included (<see cref="Options"/> keeps the last of each name).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AllOptions { get; init; } = [];

    /// <summary>An option's value (the last one given), or null.</summary>
    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Every value given for an option, in order (<c>--variant a --variant b</c>); empty when not given.</summary>
    public IReadOnlyList<string> OptionValues(string name)
    {
        var all = AllOptions.Where(o => o.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(o => o.Value).ToList();
        return all.Count > 0 ? all : Option(name) is { } single ? [single] : [];
    }

    /// <summary>The arguments as an operator would type them, for the audit log; secret option values are masked
    /// (<c>***</c>) and phone numbers shortened.</summary>
    public string ToAuditArguments()
    {
        var parts = new List<string>(Arguments);
        foreach (var (key, value) in AllOptions.Count > 0 ? AllOptions : (IEnumerable<KeyValuePair<string, string>>)Options)
            parts.Add($"--{key} {(CommandSecrets.IsSecret(key) ? "***" : CommandSecrets.IsPhone(key) ? Formatting.Show.Phone(value) : value)}");
        return string.Join(' ', parts);
    }
}

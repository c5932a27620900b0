namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>One text replacement of a copying pair: a literal text or a regular expression
/// (<see cref="IsRegex"/>; then <see cref="Replacement"/> may use $1, ${name}).</summary>
public sealed record TextReplacement
{
    public required string Pattern { get; init; }

    public string Replacement { get; init; } = string.Empty;

    /// <summary>Whether <see cref="Pattern"/> is a regular expression. Default false (literal text).</summary>
    public bool IsRegex { get; init; }

    /// <summary>Whether matching ignores case. Default true.</summary>
    public bool IgnoreCase { get; init; } = true;
}

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>One text replacement of a copying pair: a literal text or a regular expression
/// (<see cref="IsRegex"/>; then <see cref="Replacement"/> may use $1, ${name}).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.TextReplacement")]
public sealed record TextReplacement
{
    [Id(0)]
    public required string Pattern { get; init; }

    [Id(1)]
    public string Replacement { get; init; } = string.Empty;

    /// <summary>Whether <see cref="Pattern"/> is a regular expression. Default false (literal text).</summary>
    [Id(2)]
    public bool IsRegex { get; init; }

    /// <summary>Whether matching ignores case. Default true.</summary>
    [Id(3)]
    public bool IgnoreCase { get; init; } = true;
}

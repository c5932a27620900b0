using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Which source messages a pair forwards. Empty allow lists allow everything; block lists win over
/// allow lists. Keywords match case-insensitively as substrings; patterns are .NET regular expressions
/// (case-insensitive), checked at configuration time. An album is judged as a whole by its caption.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairFilters")]
public sealed record PairFilters
{
    public static PairFilters None { get; } = new();

    /// <summary>If any, the text must contain at least one of them.</summary>
    [Id(0)]
    public IReadOnlyList<string> AllowKeywords { get; init; } = [];

    /// <summary>The text must contain none of them.</summary>
    [Id(1)]
    public IReadOnlyList<string> BlockKeywords { get; init; } = [];

    /// <summary>If any, the text must match at least one of them.</summary>
    [Id(2)]
    public IReadOnlyList<string> AllowPatterns { get; init; } = [];

    /// <summary>The text must match none of them.</summary>
    [Id(3)]
    public IReadOnlyList<string> BlockPatterns { get; init; } = [];

    /// <summary>If any, only these media kinds pass (<see cref="MessageMediaKind.None"/> is plain text).</summary>
    [Id(4)]
    public IReadOnlyList<MessageMediaKind> AllowedMedia { get; init; } = [];

    /// <summary>These media kinds never pass.</summary>
    [Id(5)]
    public IReadOnlyList<MessageMediaKind> BlockedMedia { get; init; } = [];

    /// <summary>If any, only messages from these user or chat ids pass.</summary>
    [Id(6)]
    public IReadOnlyList<long> AllowedSenders { get; init; } = [];

    /// <summary>Messages from these user or chat ids never pass.</summary>
    [Id(7)]
    public IReadOnlyList<long> BlockedSenders { get; init; } = [];

    /// <summary>Drops messages with neither text nor media (service messages). Default true.</summary>
    [Id(8)]
    public bool SkipEmpty { get; init; } = true;

    /// <summary>Drops messages that are themselves forwards. Default false.</summary>
    [Id(9)]
    public bool SkipForwarded { get; init; }
}

namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>What a channel pair does, as set by /pair, /assign_channels or the dashboard: read
/// <see cref="SourceChat"/> through account <see cref="AccountId"/> and republish to every destination.
/// Invalid filters or replacement patterns are refused with an ArgumentException naming the pattern.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.PairConfiguration")]
public sealed record PairConfiguration
{
    /// <summary>The source chat: "@username", a numeric chat id, or an invite link.</summary>
    [Id(0)]
    public required string SourceChat { get; init; }

    /// <summary>The destination chats, same forms; the account must be able to post there.</summary>
    [Id(1)]
    public required IReadOnlyList<string> Destinations { get; init; }

    /// <summary>The account (worker) that reads the source and posts to the destinations.</summary>
    [Id(2)]
    public required string AccountId { get; init; }

    /// <summary>Forward with header or copy without it. Default copy.</summary>
    [Id(3)]
    public ForwardMode Mode { get; init; } = ForwardMode.Copy;

    [Id(4)]
    public PairFilters Filters { get; init; } = PairFilters.None;

    /// <summary>Applied in order to the text or caption of copied messages.</summary>
    [Id(5)]
    public IReadOnlyList<TextReplacement> Replacements { get; init; } = [];

    /// <summary>Text put above the text or caption of copied messages (on its own line); none by default.</summary>
    [Id(6)]
    public string? CaptionHeader { get; init; }

    /// <summary>Text put below the text or caption of copied messages (on its own line); none by default.</summary>
    [Id(7)]
    public string? CaptionFooter { get; init; }

    /// <summary>How long after receipt a new message is republished. Default zero.</summary>
    [Id(8)]
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>Whether the pair runs (and is kept running by the always-on keeper). Default true.</summary>
    [Id(9)]
    public bool Enabled { get; init; } = true;

    /// <summary>A name for admins; optional.</summary>
    [Id(10)]
    public string? Name { get; init; }
}

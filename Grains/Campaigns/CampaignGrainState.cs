using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Accounts;

namespace Cluster.Grains.Campaigns;

/// <summary>The stored state of a campaign: definition, state, its pool and what it knows of its chunks. The recipients
/// themselves are in the chunks.</summary>
public sealed record CampaignGrainState
{
    public CampaignDefinition? Definition { get; init; }
    public CampaignState State { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? WakeAt { get; init; }
    public IReadOnlyList<CampaignChunkProgress> Chunks { get; init; } = [];
    public IReadOnlyList<CampaignPoolAccount> Accounts { get; init; } = [];
    public SendCounterState Counter { get; init; } = SendCounterState.Empty;
    /// <summary>Sends in doubt whose account left the pool before they could be looked up: sent again from another account
    /// (each one possibly a repeat).</summary>
    public int ResentAfterDoubt { get; init; }
    public int InDoubtFound { get; init; }
    public int InDoubtNotFound { get; init; }
}

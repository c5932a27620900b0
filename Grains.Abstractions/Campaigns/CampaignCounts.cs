using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>How many recipients are in each state (of a campaign, or of one chunk).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignCounts")]
public sealed record CampaignCounts([Id(0)] int Total, [Id(1)] int Pending, [Id(2)] int Sending, [Id(3)] int Sent, [Id(4)] int Failed, [Id(5)] int Skipped)
{
    public static CampaignCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Recipients not finished yet (pending, waiting for a retry, or in doubt).</summary>
    [JsonIgnore]
    public int Open => Pending + Sending;

    public CampaignCounts Plus(CampaignCounts o) => new(Total + o.Total, Pending + o.Pending, Sending + o.Sending, Sent + o.Sent, Failed + o.Failed, Skipped + o.Skipped);
}

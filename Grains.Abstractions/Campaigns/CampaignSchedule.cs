namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>When a campaign may send: not before <see cref="StartAt"/> (null: at once), and only in the UTC hours
/// [<see cref="AllowedFromHour"/>, <see cref="AllowedToHour"/>) when both are set (from 22 to 6 spans midnight).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignSchedule")]
public sealed record CampaignSchedule([Id(0)] DateTimeOffset? StartAt = null, [Id(1)] int? AllowedFromHour = null, [Id(2)] int? AllowedToHour = null)
{
    public static CampaignSchedule Now { get; } = new();
}

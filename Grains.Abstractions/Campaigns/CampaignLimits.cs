namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>How fast a campaign may send: per account and campaign-wide sends per clock hour and UTC day (null: no campaign
/// limit; each account's own limits always apply), and a random delay between one account's sends, from
/// <see cref="MinDelay"/> to <see cref="MaxDelay"/>.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignLimits")]
public sealed record CampaignLimits
{
    [Id(0)] public int? PerAccountHourly { get; init; } = 20;
    [Id(1)] public int? PerAccountDaily { get; init; } = 100;
    [Id(2)] public int? CampaignHourly { get; init; }
    [Id(3)] public int? CampaignDaily { get; init; }
    [Id(4)] public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(2);
    [Id(5)] public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static CampaignLimits Default { get; } = new();
}

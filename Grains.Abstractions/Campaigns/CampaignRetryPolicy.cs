namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>How often a recipient whose send failed (a Telegram error that is neither about the recipient nor the account)
/// is tried, and how long after each failure.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignRetryPolicy")]
public sealed record CampaignRetryPolicy([Id(0)] int MaxAttempts = 3, [Id(1)] TimeSpan? RetryDelay = null)
{
    public static CampaignRetryPolicy Default { get; } = new();

    public TimeSpan Delay => RetryDelay ?? TimeSpan.FromMinutes(1);
}

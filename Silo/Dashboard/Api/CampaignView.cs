namespace Cluster.Silo.Dashboard.Api;

/// <summary>One campaign on the Telegram page, from the campaign registry: its state and counts (no recipients, no message text).</summary>
public sealed record CampaignView(string CampaignId, string Name, string State, int Total, int Sent, int Failed, int Skipped, int Pending, int InDoubt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

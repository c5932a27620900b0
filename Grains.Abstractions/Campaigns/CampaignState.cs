namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>Where a campaign is. <see cref="Waiting"/> is running but unable to send now (before its start time, outside
/// its allowed hours, every account cooling down or at a limit); it wakes by itself at the earliest moment one of those ends.</summary>
[GenerateSerializer, Alias("Cluster.CampaignState")]
public enum CampaignState { Draft, Running, Paused, Waiting, Completed, Cancelled }

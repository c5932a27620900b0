namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>Where one recipient of a campaign is. <see cref="Sending"/> is recorded before the send is made: a recipient found
/// in it by a new activation is a send in doubt, resolved (by looking for the message in the dialog) before any retry.</summary>
[GenerateSerializer, Alias("Cluster.Campaigns.RecipientState")]
public enum RecipientState { Pending, Sending, Sent, Failed, Skipped }

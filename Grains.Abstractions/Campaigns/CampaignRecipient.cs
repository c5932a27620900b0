namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>One recipient: a canonical user reference (a user id, "@username" or "+phone") and the values of the message's
/// variables for them (e.g. first_name), from the audience file's columns.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignRecipient")]
public sealed record CampaignRecipient([Id(0)] string Reference, [Id(1)] IReadOnlyDictionary<string, string>? Variables = null);

using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>The message of a campaign: one text with entities, or a few variants (each recipient gets one, chosen by their
/// place in the audience so it stays the same across retries). Texts may hold variables, <c>{name}</c> or
/// <c>{name|default}</c>, filled from each recipient's values.
/// With <see cref="Media"/>, every recipient gets a copy of that post (a photo, a video, a document, an album...) and the
/// variant's text is its caption; without variants the post keeps its own caption. <see cref="MediaKind"/> is what the
/// campaign found in the post's first message when it checked the post at creation (what it looks for in a dialog to
/// resolve a send in doubt); anything given there is replaced.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignMessage")]
public sealed record CampaignMessage(
    [Id(0)] IReadOnlyList<MessageText> Variants,
    [Id(1)] PostReference? Media = null,
    [Id(2)] MessageMediaKind MediaKind = MessageMediaKind.None);

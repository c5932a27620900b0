using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.AdminBot.Campaigns;

/// <summary>An audience read from a file or typed text: the recipients of the good lines, and each bad line by number with why.</summary>
public sealed record AudienceImport(IReadOnlyList<CampaignRecipient> Recipients, IReadOnlyList<string> BadLines);

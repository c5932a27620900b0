namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>One campaign of private messages from a pool of user accounts, keyed by its id. It owns the definition and the
/// progress; its recipients live in <see cref="ICampaignChunkGrain"/>s of about a thousand each. Bad input (an empty
/// message or audience, an unknown account, limits of 0, a start in the past, a variable a recipient has no value for)
/// is refused with an <see cref="ArgumentException"/> naming it, and nothing is created.</summary>
[Alias("Cluster.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates the campaign (a draft, or running when <see cref="CampaignDefinition.StartNow"/>).
    /// <see cref="InvalidOperationException"/> when a campaign with this id exists.</summary>
    [Alias("CreateAsync")]
    Task<CampaignCreated> CreateAsync(CampaignDefinition definition, IReadOnlyList<CampaignRecipient> audience);

    /// <summary>Starts a draft. Idempotent while running or waiting.</summary>
    [Alias("StartAsync")]
    Task<CampaignStatus> StartAsync();

    [Alias("PauseAsync")]
    Task<CampaignStatus> PauseAsync();

    [Alias("ResumeAsync")]
    Task<CampaignStatus> ResumeAsync();

    /// <summary>Stops for good: pending recipients stay unsent.</summary>
    [Alias("CancelAsync")]
    Task<CampaignStatus> CancelAsync();

    /// <summary>Progress; answers while the campaign is sending. <see cref="KeyNotFoundException"/> for an unknown campaign.</summary>
    [AlwaysInterleave]
    [Alias("GetStatusAsync")]
    Task<CampaignStatus> GetStatusAsync();
}

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>About a thousand recipients of one campaign with their own stored state, keyed "{campaignId}/{index}"
/// (<see cref="KeyOf"/>). Only its campaign calls it, one call at a time.</summary>
[Alias("Cluster.ICampaignChunkGrain")]
public interface ICampaignChunkGrain : IGrainWithStringKey
{
    static string KeyOf(string campaignId, int index) => $"{campaignId}/{index}";

    /// <summary>Stores the recipients (all pending), replacing whatever the chunk held: positions from <paramref name="firstPosition"/>.</summary>
    [Alias("InitializeAsync")]
    Task InitializeAsync(IReadOnlyList<CampaignRecipient> recipients, int firstPosition);

    /// <summary>The sends in doubt and up to <paramref name="max"/> recipients ready at <paramref name="now"/> (changes nothing).</summary>
    [Alias("ClaimAsync")]
    Task<ChunkClaim> ClaimAsync(int max, DateTimeOffset now);

    /// <summary>Records the recipients as sending (stored before returning).</summary>
    [Alias("MarkSendingAsync")]
    Task MarkSendingAsync(IReadOnlyList<SendIntent> intents);

    /// <summary>Records outcomes (stored before returning); returns the chunk's counts.</summary>
    [Alias("RecordAsync")]
    Task<ChunkReport> RecordAsync(IReadOnlyList<RecipientOutcome> outcomes);

    [Alias("GetReportAsync")]
    Task<ChunkReport> GetReportAsync();

    /// <summary>The chunk's recipients, optionally only those in <paramref name="state"/>.</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<CampaignRecipientView>> ListAsync(RecipientState? state);
}

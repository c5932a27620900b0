namespace Cluster.Grains.Campaigns;

/// <summary>Settings of campaign grains, bound from <c>Cluster:Campaigns</c> and validated at start.</summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Cluster:Campaigns";

    /// <summary>Recipients per chunk grain. Default 1,000.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Most recipients one round of sending takes (one intent write and one outcome write per round). Default 100.</summary>
    public int MaxBatch { get; set; } = 100;

    /// <summary>Most sends one account makes in one round when the campaign's delay is 0 (with a delay it is always 1). Default 5.</summary>
    public int MaxSendsPerAccountPerRound { get; set; } = 5;

    /// <summary>How long an account that is not connected (offline, reconnecting, queued) rests before the campaign asks it again. Default 30 s.</summary>
    public TimeSpan NotActiveRest { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a chunk whose send in doubt cannot be resolved yet (its account is not available) is passed over. Default 15 s.</summary>
    public TimeSpan InDoubtRecheck { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest a waiting campaign sleeps before it looks again. Default 1 minute.</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After an unexpected error in a round, how long before the next. Default 5 s.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most recipients one campaign may have. Default 1,000,000.</summary>
    public int MaxRecipients { get; set; } = 1_000_000;

    public void Validate()
    {
        if (ChunkSize is < 10 or > 10_000) throw new ArgumentException($"{SectionName}:ChunkSize must be 10-10,000 (is {ChunkSize}).");
        if (MaxBatch < 1) throw new ArgumentException($"{SectionName}:MaxBatch must be at least 1 (is {MaxBatch}).");
        if (MaxSendsPerAccountPerRound < 1) throw new ArgumentException($"{SectionName}:MaxSendsPerAccountPerRound must be at least 1 (is {MaxSendsPerAccountPerRound}).");
        if (NotActiveRest <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:NotActiveRest must be positive (is {NotActiveRest}).");
        if (InDoubtRecheck <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:InDoubtRecheck must be positive (is {InDoubtRecheck}).");
        if (MaxSleep <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:MaxSleep must be positive (is {MaxSleep}).");
        if (ErrorBackoff <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:ErrorBackoff must be positive (is {ErrorBackoff}).");
        if (MaxRecipients < 1) throw new ArgumentException($"{SectionName}:MaxRecipients must be at least 1 (is {MaxRecipients}).");
    }
}

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>How a send (or the resolution of a send in doubt) ended for a recipient.</summary>
[GenerateSerializer, Alias("Cluster.RecipientOutcomeKind")]
public enum RecipientOutcomeKind
{
    /// <summary>The message is there (sent now, or found in the dialog).</summary>
    Sent,
    /// <summary>The recipient cannot be written to (see the reason); never tried again.</summary>
    Skipped,
    /// <summary>Failed; an attempt is counted and the recipient is tried again at the retry time.</summary>
    Retry,
    /// <summary>Failed for good (attempts used up).</summary>
    Failed,
    /// <summary>Not sent, through no fault of the recipient (the account was cooling down, flooded, removed; a send in
    /// doubt not found in the dialog): pending again, no attempt counted.</summary>
    Released,
}

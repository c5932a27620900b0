namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>Why a recipient was skipped rather than sent to: it will not be tried again.</summary>
[GenerateSerializer, Alias("Cluster.SkipReason")]
public enum SkipReason
{
    None,
    /// <summary>No such user, username or phone number (or a deleted account).</summary>
    NotFound,
    /// <summary>The user's privacy settings refuse messages from the campaign's accounts.</summary>
    Privacy,
    /// <summary>The user blocked the account.</summary>
    Blocked,
}

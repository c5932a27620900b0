using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>One recipient as its chunk stores it. <see cref="IntentAt"/> and <see cref="AccountId"/> are set when the send is
/// recorded as about to be made (state Sending) and kept with its outcome; <see cref="NextAttemptAt"/> holds a pending
/// recipient back after a failed attempt.</summary>
public sealed record ChunkRecipientRecord
{
    public required string Reference { get; init; }
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
    public RecipientState State { get; init; }
    public string? AccountId { get; init; }
    public long? MessageId { get; init; }
    public int Attempts { get; init; }
    public string? Error { get; init; }
    public SkipReason Reason { get; init; }
    public DateTimeOffset? IntentAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
}

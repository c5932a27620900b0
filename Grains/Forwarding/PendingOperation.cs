using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Forwarding;

/// <summary>One queued operation of a pair, stored in its state so a restart continues where it stopped.
/// <see cref="Messages"/> is one message or one album (for <see cref="PendingOperationKind.New"/>), the edited message
/// (for Edit); <see cref="DeletedIds"/> the deleted source ids (for Delete). <see cref="DoneDestinations"/> lists the
/// destination chats already served, so a retry never sends twice to the same one.</summary>
public sealed record PendingOperation(
    long Sequence,
    PendingOperationKind Kind,
    IReadOnlyList<SourceMessage> Messages,
    IReadOnlyList<long> DeletedIds,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReadyAt,
    IReadOnlyList<long> DoneDestinations,
    int Attempts,
    bool IsPast)
{
    /// <summary>The source ids this operation concerns, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<long> SourceIds => Kind == PendingOperationKind.Delete ? DeletedIds : Messages.Select(m => m.Id).ToArray();

    /// <summary>The first source id (ordering key of new messages).</summary>
    [JsonIgnore]
    public long FirstSourceId => Kind == PendingOperationKind.Delete
        ? DeletedIds.Count > 0 ? DeletedIds[0] : 0
        : Messages.Count > 0 ? Messages[0].Id : 0; // not through SourceIds: the queue compares it in loops, and that allocates

    /// <summary>A send of it began (the pair marked it in flight before calling the account): Telegram may hold it as it
    /// was then, whether or not an answer came back. Its content must stay as sent, for the check that looks for the copy
    /// after a crash or a call that failed without an answer.</summary>
    public bool Tried { get; init; }

    /// <summary>Whether some destination was already served or tried (then it is no longer changed in place, and no
    /// other message is queued ahead of it).</summary>
    [JsonIgnore]
    public bool IsStarted => DoneDestinations.Count > 0 || Attempts > 0 || Tried;
}

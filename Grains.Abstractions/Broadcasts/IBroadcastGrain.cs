namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One broadcast of a bot to its subscribers, keyed by its id (<see cref="BroadcastKeys.NewBroadcastId"/>). It snapshots the
/// bot's non-blocked subscribers into chunks, sends through the bot's limited client (Telegram's rate, 0 429s), records every
/// recipient's intent before the send and its outcome after, survives the loss of its silo (always-on while running) and keeps
/// one progress message up to date.</summary>
[Alias("Cluster.IBroadcastGrain")]
public interface IBroadcastGrain : IGrainWithStringKey
{
    /// <summary>Creates and starts the broadcast. Refuses (ArgumentException, nothing stored) an empty or invalid message, a bot that
    /// is not configured, a bot with no subscriber to reach, and an id already used.</summary>
    [Alias("CreateAsync")]
    Task<BroadcastProgress> CreateAsync(BroadcastRequest request);

    /// <summary>Stops sending after the sends in flight (idempotent); refused once finished.</summary>
    [Alias("PauseAsync")]
    Task<BroadcastProgress> PauseAsync();

    /// <summary>Sends again after a pause (idempotent); refused once finished.</summary>
    [Alias("ResumeAsync")]
    Task<BroadcastProgress> ResumeAsync();

    /// <summary>Stops for good: the recipients not reached stay pending and are never sent to (idempotent).</summary>
    [Alias("CancelAsync")]
    Task<BroadcastProgress> CancelAsync();

    /// <summary>The counts, rate and ETA; KeyNotFoundException for an id never created.</summary>
    [AlwaysInterleave]
    [Alias("GetProgressAsync")]
    Task<BroadcastProgress> GetProgressAsync();

    /// <summary>Every recipient and their state, chunk by chunk (for audits and tests; a page of up to one chunk per call).</summary>
    [AlwaysInterleave]
    [Alias("GetRecipientsAsync")]
    Task<IReadOnlyList<RecipientRecord>> GetRecipientsAsync(int chunk);

    /// <summary>One step of the sending loop (called by the activation's own loop): settles the previous wave and sends the next.
    /// Returns how long to wait before the next step (zero: at once; a flood pause: longer), or null when there is nothing to do
    /// (paused, finished).</summary>
    [Alias("StepAsync")]
    Task<TimeSpan?> StepAsync();
}

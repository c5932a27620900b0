namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>Where one recipient of a broadcast is.</summary>
[GenerateSerializer, Alias("Cluster.Broadcasts.RecipientState")]
public enum RecipientState
{
    /// <summary>Not sent yet.</summary>
    Pending,

    /// <summary>The intent to send is recorded; the send may be on its way. Resolved before anything else after a crash.</summary>
    Sending,

    /// <summary>Telegram accepted it (the message id is kept).</summary>
    Sent,

    /// <summary>Telegram refused it for good (the error is kept).</summary>
    Failed,

    /// <summary>The user had blocked the bot: Telegram answered 403 during this broadcast; the subscriber is marked blocked.</summary>
    Blocked,

    /// <summary>Not attempted: the subscriber was already known to have blocked the bot.</summary>
    Skipped,

    /// <summary>Its send was in doubt (in flight when the silo running the broadcast died, or without an answer), its message was not
    /// found in the chat and its absence could not be proven (no later send bounded the search): by the in-doubt policy Skip (the
    /// default) it is not sent again, so nobody gets the message twice.</summary>
    Unconfirmed,
}

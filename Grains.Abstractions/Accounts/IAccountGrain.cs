using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Calls;

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>One Telegram user account (the admin bot's "worker"), keyed by our account id. It owns the session,
/// pumps the account's new/edited/deleted messages to the pairs subscribed to each source chat, and performs
/// the sends those pairs ask for, answering "cooling down until X" instead of waiting out a flood wait.</summary>
[Alias("Cluster.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Sets api_id, api_hash, phone, limits. A changed api_id/api_hash/phone stops the running session
    /// (a restart uses the new values); a banned account becomes offline again.</summary>
    [Alias("ConfigureAsync")]
    Task<AccountStatus> ConfigureAsync(AccountConfiguration configuration);

    /// <summary>Connects (restoring the session if there is one). Idempotent while running.</summary>
    [Alias("StartAsync")]
    Task<AccountStatus> StartAsync();

    /// <summary>Disconnects and stays offline (also across restarts of the cluster) until started again.</summary>
    [Alias("StopAsync")]
    Task<AccountStatus> StopAsync();

    /// <summary>Stops and starts again; counts a restart.</summary>
    [Alias("RestartAsync")]
    Task<AccountStatus> RestartAsync();

    [Alias("SubmitPhoneNumberAsync")]
    Task<LoginResult> SubmitPhoneNumberAsync(string phoneNumber);

    [Alias("SubmitCodeAsync")]
    Task<LoginResult> SubmitCodeAsync(string code);

    [Alias("SubmitPasswordAsync")]
    Task<LoginResult> SubmitPasswordAsync(string password);

    /// <summary>The account's state, counters and usage; answers even while another call is in progress. A read: a client
    /// sends it again when it times out (see the cluster client's call filter), after a short timeout.</summary>
    [AlwaysInterleave]
    [ReadOnly]
    [ResponseTimeout(StatusReads.Timeout)]
    [Alias("GetStatusAsync")]
    Task<AccountStatus> GetStatusAsync();

    /// <summary>/worker_stats: lifetime counts, forward times merged over the account's pairs (asked of each pair the fleet
    /// registry lists for this account), the last error, and errors and flood waits of the last 24 h. Interleaves.</summary>
    [AlwaysInterleave]
    [Alias("GetStatisticsAsync")]
    Task<AccountStatistics> GetStatisticsAsync();

    /// <summary>Removes the account for good: disconnects, leaves the always-on keeper and the fleet registry, clears its state
    /// and its stored session. For a cancelled or failed /add_worker. InvalidOperationException (naming them) while pairs
    /// still use the account: assign or delete them first. No-op for an account that was never configured.</summary>
    [Alias("DeleteAsync")]
    Task DeleteAsync();

    /// <summary>Delivers the messages of a source chat to a pair from now on (joining the chat if needed);
    /// returns the resolved source chat. Subscribing again replaces the pair's previous source.</summary>
    [Alias("SubscribeAsync")]
    Task<ChatResolution> SubscribeAsync(SubscriptionRequest request);

    /// <summary>Stops delivering to a pair. No-op if it was not subscribed.</summary>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(string pairId);

    /// <summary>Resolves a chat reference (a destination, say), joining it first when <paramref name="join"/>.</summary>
    [Alias("ResolveChatAsync")]
    Task<ChatResolution> ResolveChatAsync(string reference, bool join);

    /// <summary>Messages after an id, oldest first (catch-up and past mode).</summary>
    [Alias("GetHistoryAsync")]
    Task<HistoryResult> GetHistoryAsync(HistoryRequest request);

    /// <summary>The newest messages of a chat, newest first (a pair checking a destination after a crash).</summary>
    [Alias("GetRecentMessagesAsync")]
    Task<HistoryResult> GetRecentMessagesAsync(RecentMessagesRequest request);

    /// <summary>Forwards or copies messages; counts against the send limits (one per message created).</summary>
    [Alias("ForwardAsync")]
    Task<SendResult> ForwardAsync(ForwardRequest request);

    /// <summary>Sends a text message; counts against the send limits.</summary>
    [Alias("SendTextAsync")]
    Task<SendResult> SendTextAsync(SendTextRequest request);

    /// <summary>A private text message to a user by id, "@username" or "+phone"; counts against the send limits. A recipient
    /// that cannot be written to answers NotFound/Forbidden with the <see cref="RecipientProblem"/>; PEER_FLOOD answers
    /// <see cref="AccountCallStatus.PeerFlood"/> without putting the account in cooldown (its other sends go on).</summary>
    [Alias("SendDirectAsync")]
    Task<DirectMessageResult> SendDirectAsync(DirectMessageRequest request);

    /// <summary>Looks for a private message this account sent (a campaign's send in doubt); Ok with a null message when there
    /// is none. Does not count against the send limits.</summary>
    [Alias("FindDirectAsync")]
    Task<DirectMessageResult> FindDirectAsync(DirectMessageLookup lookup);

    /// <summary>Edits a message the account sent; does not count against the send limits.</summary>
    [Alias("EditTextAsync")]
    Task<SendResult> EditTextAsync(EditTextRequest request);

    /// <summary>Deletes messages; does not count against the send limits.</summary>
    [Alias("DeleteMessagesAsync")]
    Task<SendResult> DeleteMessagesAsync(DeleteMessagesRequest request);
}

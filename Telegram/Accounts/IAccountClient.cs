using System.Threading.Channels;

namespace Cluster.Telegram.Accounts;

/// <summary>One Telegram user account's session: log-in, chats, history, sending, and a stream of
/// new, edited and deleted messages. Adapters: TDLib (real Telegram) and the simulator (over HTTP).
/// Telegram errors surface as the typed exceptions in <c>AccountExceptions.cs</c>.</summary>
public interface IAccountClient : IAsyncDisposable
{
    /// <summary>The account this client serves (our id, not Telegram's).</summary>
    string AccountId { get; }

    /// <summary>The current log-in state.</summary>
    AuthorizationState AuthorizationState { get; }

    /// <summary>New, edited and deleted messages of every chat the account sees, and log-in state
    /// changes, in the order Telegram reported them. Albums arrive as one <see cref="NewMessagesUpdate"/>.</summary>
    ChannelReader<AccountUpdate> Updates { get; }

    /// <summary>Connects and restores the session if there is one; returns the resulting log-in state.
    /// Throws <see cref="AuthKeyDuplicatedException"/> when the session is already connected elsewhere.</summary>
    Task<AuthorizationState> StartAsync(CancellationToken cancellationToken);

    Task<AuthorizationState> SubmitPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken);
    Task<AuthorizationState> SubmitCodeAsync(string code, CancellationToken cancellationToken);
    Task<AuthorizationState> SubmitPasswordAsync(string password, CancellationToken cancellationToken);
    Task LogOutAsync(CancellationToken cancellationToken);

    /// <summary>The logged-in user.</summary>
    Task<AccountUser> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>Finds a chat by "@username", "username", a numeric id, or an invite link
    /// (https://t.me/+hash, https://t.me/joinchat/hash). Throws <see cref="UsernameNotOccupiedException"/>,
    /// <see cref="ChannelPrivateException"/> or <see cref="ChatNotFoundException"/>.</summary>
    Task<ChatInfo> ResolveChatAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Finds a user to write to privately by numeric user id, "@username" or phone number in international form
    /// ("+15551234567"), and opens the private chat with them (its chat id is the user's id). Throws
    /// <see cref="ChatNotFoundException"/> (no such user or phone number), <see cref="UsernameNotOccupiedException"/>, or
    /// <see cref="ArgumentException"/> for a reference that is none of these, or names a group or channel.</summary>
    Task<AccountUser> ResolveUserAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Joins a chat (public by reference, or private by invite link); no-op if already a member.</summary>
    Task<ChatInfo> JoinChatAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Messages of a chat with id greater than <paramref name="afterMessageId"/>, oldest first,
    /// at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AccountMessage>> GetHistoryAsync(long chatId, long afterMessageId, int limit, CancellationToken cancellationToken);

    /// <summary>The newest messages of a chat, newest first, at most <paramref name="limit"/> (1..100): what a pair reads
    /// of a destination to find out whether a send cut short by a crash arrived.</summary>
    Task<IReadOnlyList<AccountMessage>> GetRecentMessagesAsync(long chatId, int limit, CancellationToken cancellationToken);

    /// <summary>Forwards messages (an album together) with the forward header, or copies them without it
    /// (<see cref="ForwardOptions.SendCopy"/>), optionally with new captions, copies optionally as a reply. Returns the new
    /// messages in order. <see cref="ArgumentException"/> for new captions or a reply without SendCopy.</summary>
    Task<IReadOnlyList<AccountMessage>> ForwardMessagesAsync(long toChatId, long fromChatId, IReadOnlyList<long> messageIds, ForwardOptions options, CancellationToken cancellationToken);

    /// <summary>Sends a text message, as a reply to <paramref name="replyToMessageId"/> of the same chat when given (a
    /// reply to a message that does not exist is sent as a plain message, as TDLib does).</summary>
    Task<AccountMessage> SendTextAsync(long chatId, FormattedText text, long? replyToMessageId, CancellationToken cancellationToken);

    /// <summary>Edits the text or caption of a message the account sent.</summary>
    Task<AccountMessage> EditTextAsync(long chatId, long messageId, FormattedText text, CancellationToken cancellationToken);

    /// <summary>Deletes messages (for everyone when the account may).</summary>
    Task DeleteMessagesAsync(long chatId, IReadOnlyList<long> messageIds, CancellationToken cancellationToken);
}

/// <summary>Makes account clients; the adapter (TDLib or simulator) is chosen by configuration.</summary>
public interface IAccountClientFactory
{
    IAccountClient Create(AccountConnection connection);
}

using System.Threading.Channels;
using Cluster.Telegram.Accounts;

namespace Cluster.Bench.Forwarding;

/// <summary>An account client that stamps, for the benchmark, when the account grain takes a new-message update
/// (<see cref="StampingUpdateReader"/>) and when a forward is acknowledged; every call goes to the wrapped client.</summary>
public sealed class TimedAccountClient(IAccountClient inner, ForwardingStopwatch stopwatch) : IAccountClient
{
    private readonly StampingUpdateReader _updates = new(inner.Updates, stopwatch);

    public string AccountId => inner.AccountId;

    public AuthorizationState AuthorizationState => inner.AuthorizationState;

    public ChannelReader<AccountUpdate> Updates => _updates;

    public Task<AuthorizationState> StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public Task<AuthorizationState> SubmitPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken) => inner.SubmitPhoneNumberAsync(phoneNumber, cancellationToken);

    public Task<AuthorizationState> SubmitCodeAsync(string code, CancellationToken cancellationToken) => inner.SubmitCodeAsync(code, cancellationToken);

    public Task<AuthorizationState> SubmitPasswordAsync(string password, CancellationToken cancellationToken) => inner.SubmitPasswordAsync(password, cancellationToken);

    public Task LogOutAsync(CancellationToken cancellationToken) => inner.LogOutAsync(cancellationToken);

    public Task<AccountUser> GetMeAsync(CancellationToken cancellationToken) => inner.GetMeAsync(cancellationToken);

    public Task<ChatInfo> ResolveChatAsync(string reference, CancellationToken cancellationToken) => inner.ResolveChatAsync(reference, cancellationToken);
    public Task<AccountUser> ResolveUserAsync(string reference, CancellationToken cancellationToken) => inner.ResolveUserAsync(reference, cancellationToken);

    public Task<ChatInfo> JoinChatAsync(string reference, CancellationToken cancellationToken) => inner.JoinChatAsync(reference, cancellationToken);

    public Task<IReadOnlyList<AccountMessage>> GetHistoryAsync(long chatId, long afterMessageId, int limit, CancellationToken cancellationToken)
        => inner.GetHistoryAsync(chatId, afterMessageId, limit, cancellationToken);

    public async Task<IReadOnlyList<AccountMessage>> ForwardMessagesAsync(long toChatId, long fromChatId, IReadOnlyList<long> messageIds, ForwardOptions options, CancellationToken cancellationToken)
    {
        var sent = await inner.ForwardMessagesAsync(toChatId, fromChatId, messageIds, options, cancellationToken).ConfigureAwait(false);
        stopwatch.Acknowledged(fromChatId, messageIds[0]);
        return sent;
    }

    public Task<IReadOnlyList<AccountMessage>> GetRecentMessagesAsync(long chatId, int limit, CancellationToken cancellationToken)
        => inner.GetRecentMessagesAsync(chatId, limit, cancellationToken);

    public Task<AccountMessage> SendTextAsync(long chatId, FormattedText text, long? replyToMessageId, CancellationToken cancellationToken)
        => inner.SendTextAsync(chatId, text, replyToMessageId, cancellationToken);

    public Task<AccountMessage> EditTextAsync(long chatId, long messageId, FormattedText text, CancellationToken cancellationToken) => inner.EditTextAsync(chatId, messageId, text, cancellationToken);

    public Task DeleteMessagesAsync(long chatId, IReadOnlyList<long> messageIds, CancellationToken cancellationToken) => inner.DeleteMessagesAsync(chatId, messageIds, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

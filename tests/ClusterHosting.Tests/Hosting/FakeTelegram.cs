using System.Threading.Channels;
using Cluster.Telegram.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Hosting.Tests.Hosting;

/// <summary>Telegram for the account grain without a network: every account logs in at once from its (empty) session. It
/// records where each account's session is open, so a test can count sessions per silo, moves between silos, and any
/// session opened twice at once (what Telegram punishes with AUTH_KEY_DUPLICATED).</summary>
public sealed class FakeTelegram
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _mostOpen = new(StringComparer.Ordinal);
    private int _openedTwice;

    /// <summary>Registers this Telegram as the account client factory of a silo.</summary>
    public void AddTo(IServiceCollection services)
        => services.AddSingleton<IAccountClientFactory>(sp => new Factory(this, sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));

    /// <summary>Sessions opened while the same account's session was open (anywhere).</summary>
    public int OpenedTwice
    {
        get { lock (_gate) return _openedTwice; }
    }

    /// <summary>Open sessions per silo address.</summary>
    public Dictionary<string, int> OpenPerSilo()
    {
        lock (_gate) return _open.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The most sessions a silo ever had open at once.</summary>
    public Dictionary<string, int> MostOpenPerSilo()
    {
        lock (_gate) return new(_mostOpen);
    }

    /// <summary>The silo an account's session is open on, if it is open.</summary>
    public string? SiloOf(string accountId)
    {
        lock (_gate) return _open.GetValueOrDefault(accountId);
    }

    /// <summary>The silos an account's session was opened on, in order.</summary>
    public IReadOnlyList<string> Connections(string accountId)
    {
        lock (_gate) return _connections.TryGetValue(accountId, out var silos) ? silos.ToList() : [];
    }

    /// <summary>How often an account's session was opened on another silo than the time before.</summary>
    public int Moves(string accountId)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue(accountId, out var silos)) return 0;
            return silos.Zip(silos.Skip(1)).Count(p => p.First != p.Second);
        }
    }

    private void Opened(string accountId, string silo)
    {
        lock (_gate)
        {
            if (_open.ContainsKey(accountId)) _openedTwice++;
            _open[accountId] = silo;
            if (!_connections.TryGetValue(accountId, out var list)) _connections[accountId] = list = [];
            list.Add(silo);
            var now = _open.Values.Count(s => s == silo);
            if (now > _mostOpen.GetValueOrDefault(silo)) _mostOpen[silo] = now;
        }
    }

    private void Closed(string accountId, string silo)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(accountId, out var where) && where == silo) _open.Remove(accountId);
        }
    }

    private sealed class Factory(FakeTelegram telegram, string silo) : IAccountClientFactory
    {
        public IAccountClient Create(AccountConnection connection) => new Client(telegram, silo, connection.AccountId);
    }

    private sealed class Client(FakeTelegram telegram, string silo, string accountId) : IAccountClient
    {
        private readonly Channel<AccountUpdate> _updates = Channel.CreateUnbounded<AccountUpdate>();
        private int _started;
        private int _closed;

        public string AccountId => accountId;
        public AuthorizationState AuthorizationState => Volatile.Read(ref _closed) == 1 ? AuthorizationState.Closed
            : Volatile.Read(ref _started) == 1 ? AuthorizationState.Ready : AuthorizationState.None;
        public ChannelReader<AccountUpdate> Updates => _updates.Reader;

        public Task<AuthorizationState> StartAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _started, 1) == 0) telegram.Opened(accountId, silo);
            return Task.FromResult(AuthorizationState.Ready);
        }

        public Task<AccountUser> GetMeAsync(CancellationToken cancellationToken)
            => Task.FromResult(new AccountUser(Math.Abs((long)accountId.GetHashCode()) + 1, null, accountId, false));

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                if (Volatile.Read(ref _started) == 1) telegram.Closed(accountId, silo);
                _updates.Writer.TryComplete();
            }
            return ValueTask.CompletedTask;
        }

        public Task<AuthorizationState> SubmitPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AuthorizationState> SubmitCodeAsync(string code, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AuthorizationState> SubmitPasswordAsync(string password, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task LogOutAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ChatInfo> ResolveChatAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AccountUser> ResolveUserAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ChatInfo> JoinChatAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<AccountMessage>> GetHistoryAsync(long chatId, long afterMessageId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<AccountMessage>> ForwardMessagesAsync(long toChatId, long fromChatId, IReadOnlyList<long> messageIds, ForwardOptions options, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<AccountMessage>> GetRecentMessagesAsync(long chatId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AccountMessage> SendTextAsync(long chatId, FormattedText text, long? replyToMessageId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<AccountMessage> EditTextAsync(long chatId, long messageId, FormattedText text, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DeleteMessagesAsync(long chatId, IReadOnlyList<long> messageIds, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

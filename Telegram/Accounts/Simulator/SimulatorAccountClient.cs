using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Cluster.Telegram.Accounts.Simulator.Protocol;
using Cluster.Telegram.Diagnostics;

namespace Cluster.Telegram.Accounts.Simulator;

/// <summary>The account port over the simulator's HTTP account protocol: the same log-in state machine,
/// session persistence, errors and update stream as the TDLib adapter, against <c>TelegramSim</c>.
/// The session token lives in <see cref="AccountConnection.SessionDirectory"/>, so a restart resumes without log-in.</summary>
public sealed class SimulatorAccountClient : IAccountClient
{
    private const string SessionFileName = "simulator-session.json";

    private static AccountProtocolJsonContext Json => AccountProtocolJsonContext.Default;

    private readonly AccountConnection _connection;
    private readonly SimulatorAccountClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Channel<AccountUpdate> _updates = Channel.CreateUnbounded<AccountUpdate>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _sync = new();
    private string? _connectionId;
    private long _updatesSeq;
    private long? _resumeAfterSeq;

    // The seqs of the latest updates written to the channel, to store where the reader stopped rather than where polling
    // stopped: updates still queued (or being handled) when the client closes are received again by the next client.
    private const int MaxTrackedSeqs = 10_000;
    private readonly Queue<long> _handedOutSeqs = new();
    private Task? _pollLoop;
    private volatile AuthorizationState _state = AuthorizationState.None;

    public SimulatorAccountClient(AccountConnection connection, SimulatorAccountClientOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options.Validate();
        _connection = connection;
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    public string AccountId => _connection.AccountId;

    public AuthorizationState AuthorizationState => _state;

    public ChannelReader<AccountUpdate> Updates => _updates.Reader;

    public async Task<AuthorizationState> StartAsync(CancellationToken cancellationToken)
    {
        var stored = ReadSessionFile();
        var session = stored?.SessionToken;
        _resumeAfterSeq = stored?.UpdatesSeq;
        LoginStateResponse state;
        try
        {
            state = await PostAsync(AccountProtocol.Connect, new ConnectRequest(session), Json.ConnectRequest, Json.LoginStateResponse, cancellationToken, withConnection: false).ConfigureAwait(false);
        }
        catch (SessionRevokedException) when (session is not null)
        {
            // The stored session is gone (logged out, revoked, duplicated): start a fresh log-in, as TDLib does.
            DeleteSession();
            _resumeAfterSeq = null;
            state = await PostAsync(AccountProtocol.Connect, new ConnectRequest(null), Json.ConnectRequest, Json.LoginStateResponse, cancellationToken, withConnection: false).ConfigureAwait(false);
        }
        catch (AuthKeyDuplicatedException)
        {
            SetState(AuthorizationState.Closed);
            throw;
        }
        _connectionId = state.ConnectionId;
        return Apply(state);
    }

    public async Task<AuthorizationState> SubmitPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken) =>
        Apply(await PostAsync(AccountProtocol.Phone, new PhoneNumberRequest(phoneNumber), Json.PhoneNumberRequest, Json.LoginStateResponse, cancellationToken).ConfigureAwait(false));

    public async Task<AuthorizationState> SubmitCodeAsync(string code, CancellationToken cancellationToken) =>
        Apply(await PostAsync(AccountProtocol.Code, new CodeRequest(code), Json.CodeRequest, Json.LoginStateResponse, cancellationToken).ConfigureAwait(false));

    public async Task<AuthorizationState> SubmitPasswordAsync(string password, CancellationToken cancellationToken) =>
        Apply(await PostAsync(AccountProtocol.Password, new PasswordRequest(password), Json.PasswordRequest, Json.LoginStateResponse, cancellationToken).ConfigureAwait(false));

    public async Task LogOutAsync(CancellationToken cancellationToken)
    {
        SetState(AuthorizationState.LoggingOut);
        await PostAsync(AccountProtocol.LogOut, new ConnectRequest(null), Json.ConnectRequest, Json.LoginStateResponse, cancellationToken).ConfigureAwait(false);
        DeleteSession();
        await StopPollingAsync().ConfigureAwait(false);
        SetState(AuthorizationState.Closed);
    }

    public async Task<AccountUser> GetMeAsync(CancellationToken cancellationToken)
    {
        var me = await PostAsync(AccountProtocol.Me, new ConnectRequest(null), Json.ConnectRequest, Json.UserWire, cancellationToken).ConfigureAwait(false);
        return new AccountUser(me.Id, me.Username, me.FirstName, me.IsPremium);
    }

    public async Task<ChatInfo> ResolveChatAsync(string reference, CancellationToken cancellationToken) =>
        ToChat(await PostAsync(AccountProtocol.Resolve, new ReferenceRequest(reference), Json.ReferenceRequest, Json.ChatWire, cancellationToken).ConfigureAwait(false));

    public async Task<AccountUser> ResolveUserAsync(string reference, CancellationToken cancellationToken)
    {
        var canonical = UserReference.Parse(reference).ToString();
        var user = await PostAsync(AccountProtocol.ResolveUser, new ReferenceRequest(canonical), Json.ReferenceRequest, Json.UserWire, cancellationToken).ConfigureAwait(false);
        return new AccountUser(user.Id, user.Username, user.FirstName, user.IsPremium);
    }

    public async Task<ChatInfo> JoinChatAsync(string reference, CancellationToken cancellationToken) =>
        ToChat(await PostAsync(AccountProtocol.Join, new ReferenceRequest(reference), Json.ReferenceRequest, Json.ChatWire, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<AccountMessage>> GetHistoryAsync(long chatId, long afterMessageId, int limit, CancellationToken cancellationToken) =>
        ToMessages(await PostAsync(AccountProtocol.History, new HistoryRequest(chatId, afterMessageId, limit), Json.HistoryRequest, Json.MessagesResponse, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<AccountMessage>> GetRecentMessagesAsync(long chatId, int limit, CancellationToken cancellationToken) =>
        ToMessages(await PostAsync(AccountProtocol.Recent, new RecentRequest(chatId, limit), Json.RecentRequest, Json.MessagesResponse, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<AccountMessage>> ForwardMessagesAsync(long toChatId, long fromChatId, IReadOnlyList<long> messageIds, ForwardOptions options, CancellationToken cancellationToken)
    {
        var captions = options.NewCaptions?.Select(p => new CaptionWire(p.Key, ToWire(p.Value))).ToList();
        if (options.ReplyToMessageId is not null && !options.SendCopy)
            throw new ArgumentException("A reply needs SendCopy: Telegram (TDLib) cannot forward with the header as a reply.", nameof(options));
        var request = new ForwardRequest(toChatId, fromChatId, messageIds, options.SendCopy, captions, options.ReplyToMessageId);
        return ToMessages(await PostAsync(AccountProtocol.Forward, request, Json.ForwardRequest, Json.MessagesResponse, cancellationToken).ConfigureAwait(false));
    }

    public async Task<AccountMessage> SendTextAsync(long chatId, FormattedText text, long? replyToMessageId, CancellationToken cancellationToken) =>
        ToMessages(await PostAsync(AccountProtocol.Send, new SendTextRequest(chatId, ToWire(text), replyToMessageId), Json.SendTextRequest, Json.MessagesResponse, cancellationToken).ConfigureAwait(false))[0];

    public async Task<AccountMessage> EditTextAsync(long chatId, long messageId, FormattedText text, CancellationToken cancellationToken) =>
        ToMessages(await PostAsync(AccountProtocol.Edit, new EditTextRequest(chatId, messageId, ToWire(text)), Json.EditTextRequest, Json.MessagesResponse, cancellationToken).ConfigureAwait(false))[0];

    public Task DeleteMessagesAsync(long chatId, IReadOnlyList<long> messageIds, CancellationToken cancellationToken) =>
        PostAsync(AccountProtocol.Delete, new DeleteMessagesRequest(chatId, messageIds), Json.DeleteMessagesRequest, Json.MessagesResponse, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested) return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        await StopPollingAsync().ConfigureAwait(false);
        SaveUpdatesSeq();
        if (_connectionId is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await PostAsync(AccountProtocol.Disconnect, new ConnectRequest(null), Json.ConnectRequest, Json.LoginStateResponse, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TelegramAccountException)
            {
                // Best effort: the simulator also frees a connection that stops polling.
            }
        }
        _updates.Writer.TryComplete();
        if (_ownsHttp) _http.Dispose();
        _disposing.Dispose();
    }

    private AuthorizationState Apply(LoginStateResponse state)
    {
        var next = Enum.Parse<AuthorizationState>(state.State);
        if (next == AuthorizationState.Ready)
        {
            // A resumed session continues after the last update its stored client took in, as TDLib continues from its
            // stored pts: edits and deletions made while no client ran (a crash, a move) are not lost. Updates taken in
            // again are harmless: the pairs drop repeats by their checkpoints. A new log-in starts at the present.
            var start = _resumeAfterSeq is { } resume && resume < state.UpdatesSeq ? resume : state.UpdatesSeq;
            if (state.SessionToken is { } token) WriteSession(token, start);
            lock (_sync)
            {
                if (_pollLoop is null)
                {
                    _updatesSeq = start;
                    _pollLoop = Task.Run(() => PollLoopAsync(_disposing.Token));
                }
            }
        }
        SetState(next);
        return next;
    }

    private void SetState(AuthorizationState state)
    {
        if (_state == state) return;
        _state = state;
        _updates.Writer.TryWrite(new AuthorizationStateChangedUpdate(state));
    }

    private async Task PollLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Never a poll longer than the session lease has left: the simulator (like Telegram) counts an open poll as use.
                var left = _connection.EnsureSessionHeld();
                var pollSeconds = (int)Math.Min(_options.PollTimeout.TotalSeconds, Math.Floor(left.TotalSeconds));
                var request = new UpdatesRequest(_updatesSeq, pollSeconds, 100);
                var response = await PostAsync(AccountProtocol.Updates, request, Json.UpdatesRequest, Json.UpdatesResponse, stop, poll: true).ConfigureAwait(false);
                foreach (var u in response.Updates)
                {
                    lock (_sync)
                    {
                        _handedOutSeqs.Enqueue(u.Seq);
                        while (_handedOutSeqs.Count > MaxTrackedSeqs) _handedOutSeqs.Dequeue();
                    }
                    AccountUpdate update = u.Kind switch
                    {
                        "new" => new NewMessagesUpdate(u.ChatId, u.Messages.Select(ToMessage).ToList()),
                        "edited" => new MessageEditedUpdate(ToMessage(u.Messages[0])),
                        _ => new MessagesDeletedUpdate(u.ChatId, u.DeletedMessageIds),
                    };
                    await _updates.Writer.WriteAsync(update, stop).ConfigureAwait(false);
                }
                _updatesSeq = Math.Max(_updatesSeq, response.LastSeq);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is AuthKeyDuplicatedException or SessionRevokedException or AccountBannedException)
            {
                // The session is over (connected elsewhere, revoked, banned): report it and stop, as TDLib closes.
                SetState(AuthorizationState.Closed);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TelegramAccountException or OperationCanceledException or JsonException)
            {
                try
                {
                    await Task.Delay(_options.RetryDelay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task StopPollingAsync()
    {
        Task? loop;
        lock (_sync)
        {
            loop = _pollLoop;
        }
        if (loop is null) return;
        if (!_disposing.IsCancellationRequested) await _disposing.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string operation, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken, bool withConnection = true, bool poll = false)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await PostOnceAsync(operation, body, requestInfo, responseInfo, cancellationToken, withConnection, poll).ConfigureAwait(false);
            TelegramMetrics.AccountRequest("simulator", operation, Stopwatch.GetElapsedTime(started), null);
            return response;
        }
        catch (TelegramAccountException e)
        {
            TelegramMetrics.AccountRequest("simulator", operation, Stopwatch.GetElapsedTime(started), e);
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            TelegramMetrics.AccountRequest("simulator", operation, Stopwatch.GetElapsedTime(started), e);
            throw;
        }
    }

    private async Task<TResponse> PostOnceAsync<TRequest, TResponse>(string operation, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken, bool withConnection, bool poll)
    {
        if (withConnection && _connectionId is null) throw new InvalidOperationException("Call StartAsync first.");
        _connection.EnsureSessionHeld();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl!, AccountProtocol.PathPrefix + operation))
        {
            Content = JsonContent.Create(body, requestInfo),
        };
        if (withConnection) request.Headers.Add(AccountProtocol.ConnectionHeader, _connectionId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(poll ? _options.PollTimeout + _options.RequestTimeout : _options.RequestTimeout);
        using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            ErrorResponse? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync(Json.ErrorResponse, timeout.Token).ConfigureAwait(false);
            }
            catch (JsonException)
            {
            }
            throw SimulatorAccountErrors.ToException(error?.Code ?? (int)response.StatusCode, error?.Message ?? response.ReasonPhrase ?? "UNKNOWN", error?.RetryAfter);
        }
        return await response.Content.ReadFromJsonAsync(responseInfo, timeout.Token).ConfigureAwait(false)
            ?? throw new TelegramAccountException(500, "EMPTY_RESPONSE");
    }

    private string SessionPath => Path.Combine(_connection.SessionDirectory, SessionFileName);

    private SessionFile? ReadSessionFile()
    {
        if (!File.Exists(SessionPath)) return null;
        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllText(SessionPath), Json.SessionFile);
            // A session of another simulator (another base URL) is meaningless here.
            return file is not null && file.BaseUrl == _options.BaseUrl!.ToString() ? file : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void WriteSession(string token, long updatesSeq)
    {
        Directory.CreateDirectory(_connection.SessionDirectory);
        File.WriteAllText(SessionPath, JsonSerializer.Serialize(new SessionFile(token, _options.BaseUrl!.ToString(), updatesSeq), Json.SessionFile));
    }

    /// <summary>Records how far the update stream was taken in, once polling stopped, so the session stored after this
    /// client closes resumes there (a client that crashed resumes from its last stored position and receives more).</summary>
    private void SaveUpdatesSeq()
    {
        if (_pollLoop is null || ReadSessionFile() is not { } file) return;
        long resumeAfter;
        lock (_sync)
        {
            // Not taken by the reader: the updates still in the channel, and the one it may have been handling (partly
            // handed on) when it stopped. Resume before the first of those; repeats are harmless, losses are not.
            var unread = _updates.Reader.Count + 1;
            var seqs = _handedOutSeqs.ToArray();
            resumeAfter = unread > seqs.Length
                ? (seqs.Length > 0 ? seqs[0] - 1 : _updatesSeq)
                : seqs[^unread] - 1;
            resumeAfter = Math.Min(resumeAfter, _updatesSeq);
        }
        try
        {
            File.WriteAllText(SessionPath, JsonSerializer.Serialize(file with { UpdatesSeq = resumeAfter }, Json.SessionFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The session folder is gone (the grain removed it): nothing to resume from anyway.
        }
    }

    private void DeleteSession()
    {
        if (File.Exists(SessionPath)) File.Delete(SessionPath);
    }

    private static TextWire ToWire(FormattedText text) => new(text.Text, text.Entities.Select(e => new EntityWire(e.Offset, e.Length, e.Type, e.Url)).ToList());

    private static ChatInfo ToChat(ChatWire c) => new(c.Id, Enum.Parse<ChatKind>(c.Kind), c.Title, c.Username, c.IsMember, c.CanPost);

    private static IReadOnlyList<AccountMessage> ToMessages(MessagesResponse r) => r.Messages.Select(ToMessage).ToList();

    private static AccountMessage ToMessage(MessageWire m) => new(
        m.ChatId,
        m.Id,
        m.SenderUserId,
        m.SenderChatId,
        DateTimeOffset.FromUnixTimeSeconds(m.Date),
        m.EditDate is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
        new FormattedText(m.Text.Text, m.Text.Entities.Select(x => new TextEntity(x.Offset, x.Length, x.Type, x.Url)).ToList()),
        Enum.TryParse<MediaKind>(m.Media, out var media) ? media : MediaKind.Other,
        m.MediaFileId,
        m.MediaAlbumId,
        m.IsOutgoing,
        m.IsForwarded,
        m.ReplyToMessageId,
        m.ForwardFromChatId is { } fromChat && m.ForwardFromMessageId is { } fromMessage ? new ForwardSource(fromChat, fromMessage) : null);
}

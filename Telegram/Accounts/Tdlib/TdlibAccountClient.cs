using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Cluster.Telegram.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>The account port on real Telegram through TDLib: one TDLib client per account, its database in
/// <see cref="AccountConnection.SessionDirectory"/>, requests and updates through the process's single
/// <see cref="TdlibReceiver"/>. Updates are emitted in TDLib's order by one pump per client.</summary>
public sealed partial class TdlibAccountClient : IAccountClient, ITdlibUpdateSink
{
    /// <summary>The subfolder of the session directory where TDLib keeps downloaded files (not part of the session).</summary>
    public const string FilesFolder = "files";

    /// <summary>TDLib returns at most 100 messages per history request; a negative offset may reach 99 back.</summary>
    private const int HistoryPageSize = 99;

    /// <summary>How many recently emitted edits are remembered to drop TDLib's second report of one edit.</summary>
    private const int EditMemory = 4096;

    private readonly AccountConnection connection;
    private readonly TdlibOptions options;
    private readonly ILoggerFactory? loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Channel<AccountUpdate> updates = Channel.CreateUnbounded<AccountUpdate>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly Channel<JsonElement> incoming = Channel.CreateUnbounded<JsonElement>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly ConcurrentDictionary<(long ChatId, long TdMessageId), TaskCompletionSource<JsonElement>> sends = new();
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private readonly SemaphoreSlim startGate = new(1, 1);

    private readonly Func<ITdlibTransport> transportFactory;
    private ITdlibTransport? receiver;
    private int clientId;
    private Task? pump;
    private string rawState = "";
    private long stateVersion;
    private AuthorizationState state = AuthorizationState.None;
    private TaskCompletionSource stateChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int disposed;

    public TdlibAccountClient(AccountConnection connection, TdlibOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(connection, options, loggerFactory, timeProvider, null)
    {
    }

    internal TdlibAccountClient(AccountConnection connection, TdlibOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, ITdlibTransport? transport)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        if (connection.ApiId <= 0)
        {
            throw new ArgumentException($"Account {connection.AccountId}: ApiId must be a positive number (from my.telegram.org).", nameof(connection));
        }
        if (string.IsNullOrWhiteSpace(connection.ApiHash))
        {
            throw new ArgumentException($"Account {connection.AccountId}: ApiHash must not be empty.", nameof(connection));
        }
        if (string.IsNullOrWhiteSpace(connection.SessionDirectory))
        {
            throw new ArgumentException($"Account {connection.AccountId}: SessionDirectory must not be empty.", nameof(connection));
        }
        this.connection = connection;
        this.options = options;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory?.CreateLogger<TdlibAccountClient>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<TdlibAccountClient>.Instance;
        time = timeProvider ?? TimeProvider.System;
        transportFactory = transport is not null
            ? () => transport
            : () =>
            {
                TdJsonLibrary.Configure(options.LibraryPath);
                return TdlibReceiver.GetShared(loggerFactory, options.LogVerbosity);
            };
    }

    public string AccountId => connection.AccountId;

    public AuthorizationState AuthorizationState
    {
        get { lock (gate) { return state; } }
    }

    public ChannelReader<AccountUpdate> Updates => updates.Reader;

    // ---- log-in ----

    public async Task<AuthorizationState> StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (clientId != 0)
            {
                if (closed.Task.IsCompleted)
                {
                    throw new InvalidOperationException($"Account {AccountId}: this TDLib client is closed; create a new client to connect again.");
                }
                return await WaitForStableStateAsync(-1, cancellationToken).ConfigureAwait(false);
            }
            Directory.CreateDirectory(connection.SessionDirectory);
            receiver = transportFactory();
            clientId = receiver.CreateClient(this);
            pump = Task.Run(PumpAsync, CancellationToken.None);
            LogStarting(AccountId, clientId);

            // The first request starts the TDLib instance. TDLib holds setNetworkType until it has its
            // parameters and applies it before connecting, so a client with the network disabled never connects.
            var first = RequestAsync(options.DisableNetwork ? TdlibRequests.DisableNetwork() : TdlibRequests.GetOption("version"), cancellationToken);
            try
            {
                await WaitForStateAsync(s => s.Length > 0, cancellationToken).ConfigureAwait(false);
                if (RawState == "authorizationStateWaitTdlibParameters")
                {
                    try
                    {
                        await RequestAsync(TdlibRequests.SetTdlibParameters(connection, options), cancellationToken).ConfigureAwait(false);
                    }
                    catch (TelegramAccountException ex)
                    {
                        LogParametersRefused(AccountId, ex.Code, ex.TelegramMessage);
                        await CloseAsync().ConfigureAwait(false);
                        throw;
                    }
                }
                await first.ConfigureAwait(false);
            }
            finally
            {
                // Observed either way, so a failure after a failed start is not an unobserved task exception.
                _ = first.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            var result = await WaitForStableStateAsync(-1, cancellationToken).ConfigureAwait(false);
            LogStarted(AccountId, result);
            return result;
        }
        finally
        {
            startGate.Release();
        }
    }

    public Task<AuthorizationState> SubmitPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        return LoginStepAsync(AuthorizationState.WaitPhoneNumber, TdlibRequests.SetAuthenticationPhoneNumber(phoneNumber.Trim()), cancellationToken);
    }

    public Task<AuthorizationState> SubmitCodeAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var request = RawState == "authorizationStateWaitEmailCode"
            ? TdlibRequests.CheckAuthenticationEmailCode(code.Trim())
            : TdlibRequests.CheckAuthenticationCode(code.Trim());
        return LoginStepAsync(AuthorizationState.WaitCode, request, cancellationToken);
    }

    public Task<AuthorizationState> SubmitPasswordAsync(string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return LoginStepAsync(AuthorizationState.WaitPassword, TdlibRequests.CheckAuthenticationPassword(password), cancellationToken);
    }

    public async Task LogOutAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        if (closed.Task.IsCompleted)
        {
            return;
        }
        LogLoggingOut(AccountId);
        await RequestAsync(TdlibRequests.LogOut(), cancellationToken).ConfigureAwait(false);
        await closed.Task.WaitAsync(options.CloseTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuthorizationState> LoginStepAsync(AuthorizationState expected, JsonObject request, CancellationToken cancellationToken)
    {
        EnsureStarted();
        long version;
        lock (gate)
        {
            if (state != expected)
            {
                throw new InvalidOperationException($"Account {AccountId}: {request["@type"]} needs log-in state {expected}, but the state is {state}.");
            }
            version = stateVersion;
        }
        await RequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitForStableStateAsync(version, cancellationToken).ConfigureAwait(false);
    }

    // ---- chats ----

    public async Task<AccountUser> GetMeAsync(CancellationToken cancellationToken)
    {
        EnsureReady();
        return TdlibJsonMapper.ToUser(await RequestAsync(TdlibRequests.GetMe(), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ChatInfo> ResolveChatAsync(string reference, CancellationToken cancellationToken)
    {
        EnsureReady();
        var parsed = TdlibChatReference.Parse(reference);
        switch (parsed.Kind)
        {
            case TdlibChatReferenceKind.ChatId:
                return await GetChatInfoAsync(parsed.ChatId, cancellationToken).ConfigureAwait(false);
            case TdlibChatReferenceKind.Username:
                JsonElement chat;
                try
                {
                    chat = await RequestAsync(TdlibRequests.SearchPublicChat(parsed.Value), cancellationToken).ConfigureAwait(false);
                }
                catch (ChatNotFoundException ex)
                {
                    // TDLib answers "Chat not found" for a username it has already learnt is free.
                    throw new UsernameNotOccupiedException($"USERNAME_NOT_OCCUPIED: @{parsed.Value} ({ex.TelegramMessage})");
                }
                return await ToChatInfoAsync(chat, cancellationToken).ConfigureAwait(false);
            default:
                var info = await RequestAsync(TdlibRequests.CheckChatInviteLink(parsed.Value), cancellationToken).ConfigureAwait(false);
                var chatId = TdlibJsonMapper.GetInt64(info, "chat_id");
                return chatId != 0
                    ? await GetChatInfoAsync(chatId, cancellationToken).ConfigureAwait(false)
                    : TdlibJsonMapper.ToChatInfo(info);
        }
    }

    public async Task<ChatInfo> JoinChatAsync(string reference, CancellationToken cancellationToken)
    {
        EnsureReady();
        var parsed = TdlibChatReference.Parse(reference);
        if (parsed.Kind == TdlibChatReferenceKind.InviteLink)
        {
            try
            {
                var joined = await RequestAsync(TdlibRequests.JoinChatByInviteLink(parsed.Value), cancellationToken).ConfigureAwait(false);
                return await ToChatInfoAsync(joined, cancellationToken).ConfigureAwait(false);
            }
            catch (TelegramAccountException ex) when (ex.TelegramMessage.Contains("USER_ALREADY_PARTICIPANT", StringComparison.Ordinal))
            {
                return await ResolveChatAsync(parsed.Value, cancellationToken).ConfigureAwait(false);
            }
        }
        var chat = await ResolveChatAsync(reference, cancellationToken).ConfigureAwait(false);
        if (chat.IsMember)
        {
            return chat;
        }
        await RequestAsync(TdlibRequests.JoinChat(chat.Id), cancellationToken).ConfigureAwait(false);
        LogJoined(AccountId, chat.Id);
        return await GetChatInfoAsync(chat.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>searchUserByPhoneNumber for a phone, searchPublicChat for a username (it must be a user's), getUser for an
    /// id; then createPrivateChat, so TDLib knows the chat a send goes to (a private chat's id is its user's id).</summary>
    public async Task<AccountUser> ResolveUserAsync(string reference, CancellationToken cancellationToken)
    {
        EnsureReady();
        var parsed = UserReference.Parse(reference);
        JsonElement user;
        switch (parsed.Kind)
        {
            case UserReferenceKind.Phone:
                user = await RequestAsync(TdlibRequests.SearchUserByPhoneNumber(parsed.Value), cancellationToken).ConfigureAwait(false);
                break;
            case UserReferenceKind.Username:
                JsonElement chat;
                try
                {
                    chat = await RequestAsync(TdlibRequests.SearchPublicChat(parsed.Value), cancellationToken).ConfigureAwait(false);
                }
                catch (ChatNotFoundException ex)
                {
                    throw new UsernameNotOccupiedException($"USERNAME_NOT_OCCUPIED: @{parsed.Value} ({ex.TelegramMessage})");
                }
                var type = chat.GetProperty("type");
                if (TdlibJsonMapper.TypeOf(type) != "chatTypePrivate")
                    throw new ArgumentException($"@{parsed.Value} is a group or channel, not a user.", nameof(reference));
                user = await RequestAsync(TdlibRequests.GetUser(TdlibJsonMapper.GetInt64(type, "user_id")), cancellationToken).ConfigureAwait(false);
                break;
            default:
                user = await RequestAsync(TdlibRequests.GetUser(parsed.UserId), cancellationToken).ConfigureAwait(false);
                break;
        }
        var resolved = TdlibJsonMapper.ToUser(user);
        await RequestAsync(TdlibRequests.CreatePrivateChat(resolved.Id), cancellationToken).ConfigureAwait(false);
        return resolved;
    }

    private async Task<ChatInfo> GetChatInfoAsync(long chatId, CancellationToken cancellationToken) =>
        await ToChatInfoAsync(await RequestAsync(TdlibRequests.GetChat(chatId), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The chat object lacks the username and the account's membership: they live in the
    /// supergroup, basic group or user object, which TDLib answers from memory.</summary>
    private async Task<ChatInfo> ToChatInfoAsync(JsonElement chat, CancellationToken cancellationToken)
    {
        var type = chat.GetProperty("type");
        JsonObject? detailsRequest = TdlibJsonMapper.TypeOf(type) switch
        {
            "chatTypeSupergroup" => TdlibRequests.GetSupergroup(TdlibJsonMapper.GetInt64(type, "supergroup_id")),
            "chatTypeBasicGroup" => TdlibRequests.GetBasicGroup(TdlibJsonMapper.GetInt64(type, "basic_group_id")),
            "chatTypePrivate" or "chatTypeSecret" => TdlibRequests.GetUser(TdlibJsonMapper.GetInt64(type, "user_id")),
            _ => null,
        };
        JsonElement? details = detailsRequest is null ? null : await RequestAsync(detailsRequest, cancellationToken).ConfigureAwait(false);
        return TdlibJsonMapper.ToChatInfo(chat, details);
    }

    // ---- messages ----

    public async Task<IReadOnlyList<AccountMessage>> GetHistoryAsync(long chatId, long afterMessageId, int limit, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var result = new List<AccountMessage>(Math.Min(limit, 1000));
        if (limit == 0)
        {
            return result;
        }
        // TDLib must know the chat before it serves its history.
        await RequestAsync(TdlibRequests.GetChat(chatId), cancellationToken).ConfigureAwait(false);
        // An id of "1" (before every server message) makes the first page the chat's oldest messages.
        var cursor = Math.Max(TdlibJsonMapper.ToTdMessageId(Math.Max(afterMessageId, 0)), 1);
        var partialAnswers = 0;
        while (result.Count < limit)
        {
            var want = Math.Min(HistoryPageSize, limit - result.Count);
            var page = await RequestAsync(TdlibRequests.GetChatHistory(chatId, cursor, -want, want + 1), cancellationToken).ConfigureAwait(false);
            var found = page.GetProperty("messages").EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object).ToList();
            var newer = found.Where(m => TdlibJsonMapper.GetInt64(m, "id") > cursor).OrderBy(m => TdlibJsonMapper.GetInt64(m, "id")).ToList();
            // A page runs newest first from `want` messages after the cursor; TDLib may cut it short (it answers
            // from memory first), which would leave a gap just after the cursor. A page that reaches the cursor
            // is whole; otherwise ask again, and accept it only when asking again changes nothing (the chat's
            // first messages, or a cursor that no longer exists).
            var reachesCursor = found.Any(m => TdlibJsonMapper.GetInt64(m, "id") <= cursor);
            if (!reachesCursor && partialAnswers < 2)
            {
                partialAnswers++;
                continue;
            }
            partialAnswers = 0;
            if (newer.Count == 0)
            {
                break;
            }
            foreach (var m in newer.Take(limit - result.Count))
            {
                result.Add(TdlibJsonMapper.ToMessage(m));
            }
            cursor = TdlibJsonMapper.GetInt64(newer[^1], "id");
        }
        return result;
    }

    public async Task<IReadOnlyList<AccountMessage>> GetRecentMessagesAsync(long chatId, int limit, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);
        await RequestAsync(TdlibRequests.GetChat(chatId), cancellationToken).ConfigureAwait(false);
        // From the last message (from_message_id 0) backwards, newest first. TDLib may answer a page short (from memory
        // first): go on from the oldest message so far until the limit, an empty page, or a few pages.
        var result = new List<AccountMessage>(limit);
        var cursor = 0L;
        for (var pages = 0; result.Count < limit && pages < 5; pages++)
        {
            var page = await RequestAsync(TdlibRequests.GetChatHistory(chatId, cursor, 0, limit - result.Count), cancellationToken).ConfigureAwait(false);
            var older = page.GetProperty("messages").EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && (cursor == 0 || TdlibJsonMapper.GetInt64(m, "id") < cursor))
                .OrderByDescending(m => TdlibJsonMapper.GetInt64(m, "id"))
                .ToList();
            if (older.Count == 0)
            {
                break;
            }
            result.AddRange(older.Take(limit - result.Count).Select(TdlibJsonMapper.ToMessage));
            cursor = TdlibJsonMapper.GetInt64(older[^1], "id");
        }
        return result;
    }

    public async Task<IReadOnlyList<AccountMessage>> ForwardMessagesAsync(long toChatId, long fromChatId, IReadOnlyList<long> messageIds, ForwardOptions options, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(options);
        if (messageIds.Count == 0)
        {
            return [];
        }
        var ids = messageIds.Order().ToList();
        var captions = options.NewCaptions is { Count: > 0 } c ? c : null;
        if (captions is not null && !options.SendCopy)
        {
            throw new ArgumentException("New captions need SendCopy: a forward with its header keeps the original caption.", nameof(options));
        }
        if (options.ReplyToMessageId is not null && !options.SendCopy)
        {
            throw new ArgumentException("A reply needs SendCopy: TDLib's forwardMessages cannot forward with the header as a reply.", nameof(options));
        }
        var replyTo = options.ReplyToMessageId is { } reply ? TdlibJsonMapper.ToTdMessageId(reply) : (long?)null;
        if (captions is null && replyTo is null)
        {
            // forwardMessages keeps albums together by itself.
            var forwarded = await RequestAsync(TdlibRequests.ForwardMessages(toChatId, fromChatId, ids.Select(TdlibJsonMapper.ToTdMessageId), options.SendCopy), cancellationToken).ConfigureAwait(false);
            return await AwaitAllSentAsync(forwarded.GetProperty("messages"), cancellationToken).ConfigureAwait(false);
        }
        // Copies with new captions or as a reply (forwardMessages takes neither): one sendMessageAlbum per run of parts of
        // the same album, sendMessage otherwise, each inputMessageForwarded with copy options.
        var originals = await RequestAsync(TdlibRequests.GetMessages(fromChatId, ids.Select(TdlibJsonMapper.ToTdMessageId)), cancellationToken).ConfigureAwait(false);
        var sources = originals.GetProperty("messages").EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object).ToList();
        if (sources.Count == 0)
        {
            throw new ChatNotFoundException("MESSAGE_ID_INVALID: none of the messages exists in the source chat");
        }
        var sent = new List<AccountMessage>(sources.Count);
        foreach (var run in RunsOfAlbums(sources))
        {
            var contents = run.Select(m =>
            {
                var id = TdlibJsonMapper.ToPortMessageId(TdlibJsonMapper.GetInt64(m, "id"));
                return TdlibRequests.InputMessageCopy(fromChatId, TdlibJsonMapper.GetInt64(m, "id"), captions is not null && captions.TryGetValue(id, out var caption) ? caption : null);
            }).ToList();
            if (contents.Count == 1)
            {
                sent.Add(await WithoutMissingReplyAsync(replyTo, async r =>
                {
                    var message = await RequestAsync(TdlibRequests.SendMessage(toChatId, contents[0].DeepClone().AsObject(), r), cancellationToken).ConfigureAwait(false);
                    return await AwaitSentAsync(message, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false));
            }
            else
            {
                sent.AddRange(await WithoutMissingReplyAsync(replyTo, async r =>
                {
                    var album = await RequestAsync(TdlibRequests.SendMessageAlbum(toChatId, contents.Select(c => c.DeepClone().AsObject()), r), cancellationToken).ConfigureAwait(false);
                    return await AwaitAllSentAsync(album.GetProperty("messages"), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false));
            }
        }
        return sent;
    }

    /// <summary>Sends as a reply; when Telegram refuses the reply (REPLY_MESSAGE_ID_INVALID: the message was deleted on the
    /// server while TDLib still had it), sends again without it: a reply to a message that is gone is a plain message,
    /// as TDLib sends it when it knows the message is gone.</summary>
    private static async Task<T> WithoutMissingReplyAsync<T>(long? replyTo, Func<long?, Task<T>> send)
    {
        if (replyTo is null)
        {
            return await send(null).ConfigureAwait(false);
        }
        try
        {
            return await send(replyTo).ConfigureAwait(false);
        }
        catch (TelegramAccountException e) when (e.TelegramMessage.Contains("REPLY_MESSAGE_ID_INVALID", StringComparison.OrdinalIgnoreCase))
        {
            return await send(null).ConfigureAwait(false);
        }
    }

    private static IEnumerable<List<JsonElement>> RunsOfAlbums(List<JsonElement> messages)
    {
        var run = new List<JsonElement>();
        foreach (var m in messages)
        {
            var album = TdlibJsonMapper.GetInt64(m, "media_album_id");
            if (run.Count > 0 && (album == 0 || album != TdlibJsonMapper.GetInt64(run[0], "media_album_id") || run.Count == TdlibAlbumBuffer.MaxAlbumSize))
            {
                yield return run;
                run = [];
            }
            run.Add(m);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    public async Task<AccountMessage> SendTextAsync(long chatId, FormattedText text, long? replyToMessageId, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentNullException.ThrowIfNull(text);
        var replyTo = replyToMessageId is { } reply ? TdlibJsonMapper.ToTdMessageId(reply) : (long?)null;
        return await WithoutMissingReplyAsync(replyTo, async r =>
        {
            var message = await RequestAsync(TdlibRequests.SendMessage(chatId, TdlibRequests.InputMessageText(text), r), cancellationToken).ConfigureAwait(false);
            return await AwaitSentAsync(message, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task<AccountMessage> EditTextAsync(long chatId, long messageId, FormattedText text, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentNullException.ThrowIfNull(text);
        var tdId = TdlibJsonMapper.ToTdMessageId(messageId);
        var original = await RequestAsync(TdlibRequests.GetMessage(chatId, tdId), cancellationToken).ConfigureAwait(false);
        var request = TdlibJsonMapper.TypeOf(original.GetProperty("content")) == "messageText"
            ? TdlibRequests.EditMessageText(chatId, tdId, text)
            : TdlibRequests.EditMessageCaption(chatId, tdId, text);
        return TdlibJsonMapper.ToMessage(await RequestAsync(request, cancellationToken).ConfigureAwait(false));
    }

    public async Task DeleteMessagesAsync(long chatId, IReadOnlyList<long> messageIds, CancellationToken cancellationToken)
    {
        EnsureReady();
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
        {
            return;
        }
        await RequestAsync(TdlibRequests.DeleteMessages(chatId, messageIds.Select(TdlibJsonMapper.ToTdMessageId)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TDLib answers a send with a temporary local message and reports the real one later in
    /// updateMessageSendSucceeded (or the error in updateMessageSendFailed); this waits for that.</summary>
    private async Task<IReadOnlyList<AccountMessage>> AwaitAllSentAsync(JsonElement messages, CancellationToken cancellationToken)
    {
        var waits = messages.EnumerateArray()
            .Where(m => m.ValueKind == JsonValueKind.Object)
            .Select(m => AwaitSentAsync(m, cancellationToken))
            .ToList();
        if (waits.Count == 0 && messages.GetArrayLength() > 0)
        {
            throw new TelegramAccountException(400, "MESSAGE_NOT_FORWARDABLE", "None of the messages can be forwarded (TDLib returned no message for any of them).");
        }
        return await Task.WhenAll(waits).ConfigureAwait(false);
    }

    private async Task<AccountMessage> AwaitSentAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (!TdlibJsonMapper.IsPending(message))
        {
            if (message.TryGetProperty("sending_state", out var s) && TdlibJsonMapper.TypeOf(s) == "messageSendingStateFailed")
            {
                throw TdlibJsonMapper.ToException(s.GetProperty("error"));
            }
            return TdlibJsonMapper.ToMessage(message);
        }
        var pendingState = message.GetProperty("sending_state");
        if (TdlibJsonMapper.TypeOf(pendingState) == "messageSendingStateFailed")
        {
            throw TdlibJsonMapper.ToException(pendingState.GetProperty("error"));
        }
        var key = (TdlibJsonMapper.GetInt64(message, "chat_id"), TdlibJsonMapper.GetInt64(message, "id"));
        var outcome = sends.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            var final = await outcome.Task.WaitAsync(options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            return TdlibJsonMapper.ToMessage(final);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Account {AccountId}: Telegram did not confirm a sent message within {options.RequestTimeout.TotalSeconds:0} s; it may still be delivered.");
        }
        finally
        {
            sends.TryRemove(key, out _);
        }
    }

    // ---- updates (receive thread) ----

    void ITdlibUpdateSink.OnUpdate(JsonElement update)
    {
        try
        {
            switch (TdlibJsonMapper.TypeOf(update))
            {
                case "updateAuthorizationState":
                    OnAuthorizationState(update);
                    break;
                case "updateMessageSendSucceeded":
                    CompleteSend(update, failed: false);
                    incoming.Writer.TryWrite(update);
                    break;
                case "updateMessageSendFailed":
                    CompleteSend(update, failed: true);
                    break;
                case "updateNewMessage":
                case "updateMessageContent":
                case "updateMessageEdited":
                case "updateDeleteMessages":
                    incoming.Writer.TryWrite(update);
                    break;
            }
        }
        catch (Exception ex)
        {
            LogUpdateFailed(AccountId, ex);
        }
    }

    private void OnAuthorizationState(JsonElement update)
    {
        var type = TdlibJsonMapper.AuthorizationStateType(update);
        TaskCompletionSource signal;
        lock (gate)
        {
            rawState = type;
            state = TdlibJsonMapper.ToAuthorizationState(type) ?? (type == "authorizationStateWaitTdlibParameters" || TdlibJsonMapper.IsUnsupportedLoginStep(type) ? AuthorizationState.None : state);
            stateVersion++;
            signal = stateChanged;
            stateChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
        LogAuthorizationState(AccountId, type);
        incoming.Writer.TryWrite(update);
        if (type == "authorizationStateClosed")
        {
            // TDLib sends nothing more for a closed client.
            receiver?.RemoveClient(clientId);
            incoming.Writer.TryComplete();
            closed.TrySetResult();
        }
    }

    private void CompleteSend(JsonElement update, bool failed)
    {
        var message = update.GetProperty("message");
        var key = (TdlibJsonMapper.GetInt64(message, "chat_id"), TdlibJsonMapper.GetInt64(update, "old_message_id"));
        var outcome = sends.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (failed)
        {
            outcome.TrySetException(TdlibJsonMapper.ToException(update.GetProperty("error")));
        }
        else
        {
            outcome.TrySetResult(message);
        }
    }

    // ---- updates (pump) ----

    /// <summary>Turns TDLib updates into port updates, one at a time and in order; albums are held
    /// briefly by <see cref="TdlibAlbumBuffer"/>, edits are read back whole with getMessage.</summary>
    private async Task PumpAsync()
    {
        var albums = new TdlibAlbumBuffer(options.AlbumBufferDelay);
        var lastEdits = new Dictionary<(long, long), (DateTimeOffset?, FormattedText, string?)>();
        var editOrder = new Queue<(long, long)>();
        var recent = new Dictionary<(long, long), AccountMessage>();
        var recentOrder = new Queue<(long, long)>();
        AuthorizationState lastState = AuthorizationState.None;
        try
        {
            while (true)
            {
                if (albums.DueAt is { } due)
                {
                    var wait = due - time.GetUtcNow();
                    if (wait <= TimeSpan.Zero)
                    {
                        Emit(albums.Flush());
                        continue;
                    }
                    using var quiet = new CancellationTokenSource(wait, time);
                    try
                    {
                        if (!await incoming.Reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        continue;
                    }
                }
                else if (!await incoming.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    break;
                }
                while (incoming.Reader.TryRead(out var update))
                {
                    try
                    {
                        await HandleAsync(update).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        LogUpdateFailed(AccountId, ex);
                    }
                }
            }
        }
        finally
        {
            Emit(albums.Flush());
            updates.Writer.TryComplete();
        }

        void Remember(AccountMessage message)
        {
            var key = (message.ChatId, TdlibJsonMapper.ToTdMessageId(message.Id));
            if (recent.TryAdd(key, message))
            {
                recentOrder.Enqueue(key);
                if (recent.Count > EditMemory && recentOrder.TryDequeue(out var oldest))
                {
                    recent.Remove(oldest);
                }
            }
            else
            {
                recent[key] = message;
            }
        }

        async Task HandleAsync(JsonElement update)
        {
            switch (TdlibJsonMapper.TypeOf(update))
            {
                case "updateNewMessage":
                    var message = update.GetProperty("message");
                    // A message this account is still sending: it is reported again once Telegram has it.
                    if (!TdlibJsonMapper.IsPending(message))
                    {
                        var added = TdlibJsonMapper.ToMessage(message);
                        Remember(added);
                        EmitAll(albums.Add(added, time.GetUtcNow()));
                    }
                    break;
                case "updateMessageSendSucceeded":
                    var sentMessage = TdlibJsonMapper.ToMessage(update.GetProperty("message"));
                    Remember(sentMessage);
                    EmitAll(albums.Add(sentMessage, time.GetUtcNow()));
                    break;
                case "updateDeleteMessages":
                    if (TdlibJsonMapper.ToDeletedUpdate(update) is { } deleted)
                    {
                        Emit(albums.Flush());
                        Emit(deleted);
                    }
                    break;
                case "updateMessageContent":
                case "updateMessageEdited":
                    // One edit comes as both updates; the message read back after either is the edited one,
                    // so the second read finds nothing new and is dropped.
                    var chatId = TdlibJsonMapper.GetInt64(update, "chat_id");
                    var tdId = TdlibJsonMapper.GetInt64(update, "message_id");
                    var key = (chatId, tdId);
                    var answer = await receiver!.SendAsync(clientId, TdlibRequests.GetMessage(chatId, tdId), options.RequestTimeout, CancellationToken.None).ConfigureAwait(false);
                    AccountMessage edited;
                    if (!TdlibJsonMapper.IsError(answer))
                    {
                        edited = TdlibJsonMapper.ToMessage(answer);
                    }
                    else if (recent.TryGetValue(key, out var known))
                    {
                        // The message could not be read back (gone from TDLib's memory, or the session is
                        // closing): apply the update to the copy last seen.
                        edited = TdlibJsonMapper.TypeOf(update) == "updateMessageContent"
                            ? TdlibJsonMapper.WithContent(known, update.GetProperty("new_content"))
                            : known with { EditDate = DateTimeOffset.FromUnixTimeSeconds(TdlibJsonMapper.GetInt64(update, "edit_date")) };
                    }
                    else
                    {
                        LogEditUnreadable(AccountId, chatId, TdlibJsonMapper.ToPortMessageId(tdId));
                        break;
                    }
                    Remember(edited);
                    var signature = (edited.EditDate, edited.Text, edited.MediaFileId);
                    if (lastEdits.TryGetValue(key, out var previous) && previous.Item1 == signature.EditDate
                        && previous.Item3 == signature.MediaFileId && SameText(previous.Item2, signature.Text))
                    {
                        break;
                    }
                    if (lastEdits.Count >= EditMemory && editOrder.TryDequeue(out var oldest))
                    {
                        lastEdits.Remove(oldest);
                    }
                    if (lastEdits.TryAdd(key, signature))
                    {
                        editOrder.Enqueue(key);
                    }
                    else
                    {
                        lastEdits[key] = signature;
                    }
                    Emit(albums.Flush());
                    Emit(new MessageEditedUpdate(edited));
                    break;
                case "updateAuthorizationState":
                    var mapped = TdlibJsonMapper.ToAuthorizationState(TdlibJsonMapper.AuthorizationStateType(update));
                    if (mapped is { } s && s != lastState)
                    {
                        lastState = s;
                        Emit(albums.Flush());
                        Emit(new AuthorizationStateChangedUpdate(s));
                    }
                    break;
            }
        }
    }

    private static bool SameText(FormattedText a, FormattedText b) => a.Text == b.Text && a.Entities.SequenceEqual(b.Entities);

    private void EmitAll(IReadOnlyList<NewMessagesUpdate> ready)
    {
        foreach (var update in ready)
        {
            Emit(update);
        }
    }

    private void Emit(AccountUpdate? update)
    {
        if (update is not null)
        {
            updates.Writer.TryWrite(update);
        }
    }

    // ---- plumbing ----

    private string RawState
    {
        get { lock (gate) { return rawState; } }
    }

    private async Task<JsonElement> RequestAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var type = request["@type"]?.GetValue<string>() ?? "?";
        connection.EnsureSessionHeld();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await receiver!.SendAsync(clientId, request, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (!TdlibJsonMapper.IsError(answer))
        {
            TelegramMetrics.AccountRequest("tdlib", type, System.Diagnostics.Stopwatch.GetElapsedTime(started), null);
            return answer;
        }
        var error = TdlibJsonMapper.ToException(answer);
        TelegramMetrics.AccountRequest("tdlib", type, System.Diagnostics.Stopwatch.GetElapsedTime(started), error);
        LogRequestFailed(AccountId, type, error.Code, error.TelegramMessage);
        throw error;
    }

    private async Task WaitForStateAsync(Func<string, bool> done, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (done(rawState))
                {
                    return;
                }
                next = stateChanged.Task;
            }
            try
            {
                await next.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Account {AccountId}: TDLib stayed in {RawState} for {options.RequestTimeout.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>Waits until TDLib has left <paramref name="afterVersion"/>'s state and settled in one that
    /// waits for the user or is final; a step the port cannot take becomes a <see cref="LoginException"/>.</summary>
    private async Task<AuthorizationState> WaitForStableStateAsync(long afterVersion, CancellationToken cancellationToken)
    {
        await WaitForStateAsync(raw =>
        {
            // Called under the gate.
            var moved = stateVersion > afterVersion || afterVersion < 0;
            return moved && raw is not ("" or "authorizationStateWaitTdlibParameters" or "authorizationStateClosing" or "authorizationStateLoggingOut");
        }, cancellationToken).ConfigureAwait(false);
        var raw = RawState;
        if (TdlibJsonMapper.IsUnsupportedLoginStep(raw))
        {
            throw new LoginException(raw == "authorizationStateWaitRegistration"
                ? "PHONE_NUMBER_UNOCCUPIED: the phone number has no Telegram account; sign up with an official app first"
                : $"Telegram asks for a log-in step this adapter does not support ({raw}); log in with an official app first");
        }
        return AuthorizationState;
    }

    private void EnsureStarted()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (clientId == 0)
        {
            throw new InvalidOperationException($"Account {AccountId}: call StartAsync first.");
        }
    }

    private void EnsureReady()
    {
        EnsureStarted();
        var current = AuthorizationState;
        if (current != AuthorizationState.Ready)
        {
            throw new InvalidOperationException($"Account {AccountId} is not logged in (state {current}).");
        }
    }

    /// <summary>Closes the TDLib instance and waits for authorizationStateClosed, after which its
    /// database files are complete and the session directory may be archived.</summary>
    private async Task CloseAsync()
    {
        if (receiver is null || clientId == 0 || closed.Task.IsCompleted)
        {
            return;
        }
        try
        {
            var answer = await receiver.SendAsync(clientId, TdlibRequests.Close(), options.CloseTimeout, CancellationToken.None).ConfigureAwait(false);
            if (!TdlibJsonMapper.IsError(answer))
            {
                await closed.Task.WaitAsync(options.CloseTimeout).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(AccountId, options.CloseTimeout.TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        await CloseAsync().ConfigureAwait(false);
        receiver?.RemoveClient(clientId);
        incoming.Writer.TryComplete();
        if (pump is not null)
        {
            await pump.ConfigureAwait(false);
        }
        updates.Writer.TryComplete();
        foreach (var outcome in sends.Values)
        {
            outcome.TrySetCanceled();
        }
        startGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: starting TDLib client {ClientId}")]
    private partial void LogStarting(string accountId, int clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: TDLib client started in state {State}")]
    private partial void LogStarted(string accountId, AuthorizationState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: TDLib refused its parameters: {Code} {TelegramMessage}")]
    private partial void LogParametersRefused(string accountId, int code, string telegramMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId}: authorization state {TdlibState}")]
    private partial void LogAuthorizationState(string accountId, string tdlibState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: logging out")]
    private partial void LogLoggingOut(string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId}: joined chat {ChatId}")]
    private partial void LogJoined(string accountId, long chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId}: {Request} failed: {Code} {TelegramMessage}")]
    private partial void LogRequestFailed(string accountId, string request, int code, string telegramMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId}: handling a TDLib update failed")]
    private partial void LogUpdateFailed(string accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Account {AccountId}: edit of message {MessageId} in chat {ChatId} dropped: the message cannot be read")]
    private partial void LogEditUnreadable(string accountId, long chatId, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId}: TDLib did not close within {Seconds} s")]
    private partial void LogCloseTimedOut(string accountId, double seconds);
}

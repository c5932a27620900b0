using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Limits;
using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;
using Cluster.Telegram.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Telegram.Bots;

/// <summary>The typed Bot API client of one bot over <see cref="HttpClient"/>, with Telegram's send limits applied before sending.</summary>
/// <remarks>Message-sending methods (send*, copy*, forward*, editMessageText) wait for their chat's turn and the bot's rate,
/// and a 429 pauses the chat and retries after retry_after (bounded; too long a wait is surfaced). Other methods are not
/// limited but also wait out short 429s. Use one instance per token so the limits are counted in one place.</remarks>
public sealed class BotClient : IBotClient
{
    private static readonly BotApiJsonContext Json = BotApiJsonContext.Default;
    private static readonly EmptyRequest Empty = new();

    private readonly BotApiTransport _transport;
    private readonly BotRateLimitOptions _limits;
    private readonly OutgoingRateLimiter? _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BotClient(HttpClient http, BotClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        BotClientOptions.ValidateToken(options.Token);
        BotId = long.Parse(options.Token.AsSpan(0, options.Token.IndexOf(':')), System.Globalization.CultureInfo.InvariantCulture);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BotClient>();
        _time = time ?? TimeProvider.System;
        _limits = options.Limits;
        _limiter = _limits.Enabled ? new OutgoingRateLimiter(_limits, _time) : null;
        _transport = new BotApiTransport(http, options.BaseUrl, options.Token, BotId, options.RequestTimeout, _logger);
    }

    public long BotId { get; }

    /// <summary>Totals of calls, failures, 429s and retries since this client was made.</summary>
    public BotClientCounters Counters { get; } = new();

    /// <summary>The limiter in use, or null when limits are disabled.</summary>
    public OutgoingRateLimiter? Limiter => _limiter;

    public Task<User> GetMeAsync(CancellationToken cancellationToken = default) =>
        CallAsync("getMe", null, Empty, EmptyRequestJsonContext.Default.EmptyRequest, Json.ApiResponseUser, cancellationToken);

    // A long poll legitimately lasts its timeout; only the time beyond that counts against the request timeout.
    public async Task<IReadOnlyList<Update>> GetUpdatesAsync(GetUpdatesRequest request, CancellationToken cancellationToken = default) =>
        await CallOnceAsync("getUpdates", request, Json.GetUpdatesRequest, Json.ApiResponseUpdateArray, cancellationToken,
            longPoll: TimeSpan.FromSeconds(Math.Max(0, request.Timeout ?? 0))).ConfigureAwait(false);

    public Task SetWebhookAsync(SetWebhookRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("setWebhook", null, request, Json.SetWebhookRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task DeleteWebhookAsync(bool dropPendingUpdates = false, CancellationToken cancellationToken = default) =>
        CallAsync("deleteWebhook", null, new DeleteWebhookRequest { DropPendingUpdates = dropPendingUpdates ? true : null },
            Json.DeleteWebhookRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task<WebhookInfo> GetWebhookInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync("getWebhookInfo", null, Empty, EmptyRequestJsonContext.Default.EmptyRequest, Json.ApiResponseWebhookInfo, cancellationToken);

    public Task<Message> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("sendMessage", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.SendMessageRequest, Json.ApiResponseMessage, cancellationToken);

    public Task<MessageId> CopyMessageAsync(CopyMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("copyMessage", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.CopyMessageRequest, Json.ApiResponseMessageId, cancellationToken);

    public async Task<IReadOnlyList<MessageId>> CopyMessagesAsync(CopyMessagesRequest request, CancellationToken cancellationToken = default) =>
        await SendAsync("copyMessages", request.ChatId, request, Json.CopyMessagesRequest, Json.ApiResponseMessageIdArray, cancellationToken, request.MessageIds.Count).ConfigureAwait(false);

    public Task<Message> ForwardMessageAsync(ForwardMessageRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("forwardMessage", request.ChatId, request, Json.ForwardMessageRequest, Json.ApiResponseMessage, cancellationToken);

    public async Task<IReadOnlyList<MessageId>> ForwardMessagesAsync(ForwardMessagesRequest request, CancellationToken cancellationToken = default) =>
        await SendAsync("forwardMessages", request.ChatId, request, Json.ForwardMessagesRequest, Json.ApiResponseMessageIdArray, cancellationToken, request.MessageIds.Count).ConfigureAwait(false);

    public Task<Message> EditMessageTextAsync(EditMessageTextRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("editMessageText", request.ChatId, request, Json.EditMessageTextRequest, Json.ApiResponseMessage, cancellationToken);

    public Task DeleteMessageAsync(ChatId chatId, int messageId, CancellationToken cancellationToken = default) =>
        CallAsync("deleteMessage", chatId, new DeleteMessageRequest { ChatId = chatId, MessageId = messageId },
            Json.DeleteMessageRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task DeleteMessagesAsync(ChatId chatId, IReadOnlyList<int> messageIds, CancellationToken cancellationToken = default) =>
        CallAsync("deleteMessages", chatId, new DeleteMessagesRequest { ChatId = chatId, MessageIds = messageIds },
            Json.DeleteMessagesRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task AnswerCallbackQueryAsync(AnswerCallbackQueryRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("answerCallbackQuery", null, request, Json.AnswerCallbackQueryRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task<ChatFullInfo> GetChatAsync(ChatId chatId, CancellationToken cancellationToken = default) =>
        CallAsync("getChat", chatId, new ChatRequest { ChatId = chatId }, Json.ChatRequest, Json.ApiResponseChatFullInfo, cancellationToken);

    public Task<ChatMember> GetChatMemberAsync(ChatId chatId, long userId, CancellationToken cancellationToken = default) =>
        CallAsync("getChatMember", chatId, new ChatMemberRequest { ChatId = chatId, UserId = userId },
            Json.ChatMemberRequest, Json.ApiResponseChatMember, cancellationToken);

    public async Task<IReadOnlyList<ChatMember>> GetChatAdministratorsAsync(ChatId chatId, CancellationToken cancellationToken = default) =>
        await CallAsync("getChatAdministrators", chatId, new ChatRequest { ChatId = chatId },
            Json.ChatRequest, Json.ApiResponseChatMemberArray, cancellationToken).ConfigureAwait(false);

    public Task RestrictChatMemberAsync(RestrictChatMemberRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("restrictChatMember", request.ChatId, request, Json.RestrictChatMemberRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task BanChatMemberAsync(BanChatMemberRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("banChatMember", request.ChatId, request, Json.BanChatMemberRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task UnbanChatMemberAsync(UnbanChatMemberRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("unbanChatMember", request.ChatId, request, Json.UnbanChatMemberRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task<ChatInviteLink> CreateChatInviteLinkAsync(CreateChatInviteLinkRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("createChatInviteLink", request.ChatId, request, Json.CreateChatInviteLinkRequest, Json.ApiResponseChatInviteLink, cancellationToken);

    public Task SetMyCommandsAsync(SetMyCommandsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("setMyCommands", null, request, Json.SetMyCommandsRequest, Json.ApiResponseBoolean, cancellationToken);

    public Task<Message> SendPhotoAsync(SendPhotoRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("sendPhoto", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.SendPhotoRequest, Json.ApiResponseMessage, cancellationToken);

    public Task<Message> SendVideoAsync(SendVideoRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("sendVideo", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.SendVideoRequest, Json.ApiResponseMessage, cancellationToken);

    public Task<Message> SendDocumentAsync(SendDocumentRequest request, CancellationToken cancellationToken = default) =>
        SendAsync("sendDocument", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.SendDocumentRequest, Json.ApiResponseMessage, cancellationToken);

    public async Task<IReadOnlyList<Message>> SendMediaGroupAsync(SendMediaGroupRequest request, CancellationToken cancellationToken = default) =>
        await SendAsync("sendMediaGroup", request.ChatId, Paid(request, r => r.AllowPaidBroadcast, r => r with { AllowPaidBroadcast = true }),
            Json.SendMediaGroupRequest, Json.ApiResponseMessageArray, cancellationToken, request.Media.Count).ConfigureAwait(false);

    /// <summary>With a paid broadcast rate configured, sends ask for it unless the caller decided otherwise.</summary>
    private TRequest Paid<TRequest>(TRequest request, Func<TRequest, bool?> current, Func<TRequest, TRequest> withPaid) =>
        _limits.PaidBroadcastMessagesPerSecond is not null && current(request) is null ? withPaid(request) : request;

    /// <summary>A message-sending call: the chat's turn and the bot's rate first, then the call with 429 retries.</summary>
    private async Task<T> SendAsync<TRequest, T>(string method, ChatId chat, TRequest request, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<ApiResponse<T>> responseInfo, CancellationToken cancellationToken, int messages = 1)
    {
        if (_limiter is null)
        {
            var sent = await CallAsync(method, chat, request, requestInfo, responseInfo, cancellationToken).ConfigureAwait(false);
            TelegramMetrics.BotMessagesSent.Add(messages, new KeyValuePair<string, object?>("method", method));
            return sent;
        }

        using var turn = await _limiter.EnterAsync(chat, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (await turn.WaitForSlotAsync(messages, cancellationToken).ConfigureAwait(false) is { } remaining)
            {
                BotLog.RefusedWhilePaused(_logger, BotId, method, chat.ToString(), (long)remaining.TotalMilliseconds);
                TelegramMetrics.BotSendsRefused.Add(1, new KeyValuePair<string, object?>("method", method));
                throw new TooManyRequestsException(method, "the chat is paused by flood control (not sent)", remaining);
            }
            try
            {
                var sent = await CallOnceAsync(method, request, requestInfo, responseInfo, cancellationToken).ConfigureAwait(false);
                TelegramMetrics.BotMessagesSent.Add(messages, new KeyValuePair<string, object?>("method", method));
                return sent;
            }
            catch (TooManyRequestsException e)
            {
                turn.Sent();
                var wait = RetryWait(method, chat, e, attempt);
                turn.Pause(wait);
                if (wait > _limits.MaxRetryAfter || attempt >= _limits.MaxRetriesOn429)
                    throw;
                BotLog.WaitingAfter429(_logger, BotId, method, chat.ToString(), (long)wait.TotalMilliseconds, attempt + 1);
                CountRetry(method);
            }
            finally
            {
                turn.Sent();
            }
        }
    }

    /// <summary>A call outside the send limits that still waits out short 429s.</summary>
    private async Task<T> CallAsync<TRequest, T>(string method, ChatId? chat, TRequest request, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<ApiResponse<T>> responseInfo, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CallOnceAsync(method, request, requestInfo, responseInfo, cancellationToken).ConfigureAwait(false);
            }
            catch (TooManyRequestsException e)
            {
                var wait = RetryWait(method, chat, e, attempt);
                if (wait > _limits.MaxRetryAfter || attempt >= _limits.MaxRetriesOn429)
                    throw;
                BotLog.WaitingAfter429(_logger, BotId, method, chat?.ToString() ?? "-", (long)wait.TotalMilliseconds, attempt + 1);
                CountRetry(method);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One request, counted in <see cref="Counters"/> and the process's meter. <paramref name="longPoll"/> is how
    /// long the server may legitimately hold it (getUpdates) on top of the request timeout.</summary>
    private async Task<T> CallOnceAsync<TRequest, T>(string method, TRequest request, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<ApiResponse<T>> responseInfo, CancellationToken cancellationToken, TimeSpan longPoll = default)
    {
        Counters.Call();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _transport.CallAsync(method, request, requestInfo, responseInfo, longPoll, cancellationToken).ConfigureAwait(false);
            TelegramMetrics.BotRequest(method, Stopwatch.GetElapsedTime(started), null);
            return result;
        }
        catch (BotApiException e)
        {
            Counters.Failure();
            TelegramMetrics.BotRequest(method, Stopwatch.GetElapsedTime(started), e);
            if (e is TooManyRequestsException)
                Counters.TooManyRequest();
            throw;
        }
    }

    private void CountRetry(string method)
    {
        Counters.Retry();
        TelegramMetrics.BotRetries.Add(1, new KeyValuePair<string, object?>("method", method));
    }

    /// <summary>The wait for a 429: retry_after raised to the configured minimum (0 would hammer the server), logged when
    /// it is too long to wait or the retries are used up (the caller then surfaces the error).</summary>
    private TimeSpan RetryWait(string method, ChatId? chat, TooManyRequestsException e, int attempt)
    {
        var wait = e.RetryAfter;
        if (wait < _limits.MinRetryAfter)
        {
            BotLog.RetryAfterRaised(_logger, BotId, method, (long)wait.TotalMilliseconds, (long)_limits.MinRetryAfter.TotalMilliseconds);
            wait = _limits.MinRetryAfter;
        }
        if (wait > _limits.MaxRetryAfter)
            BotLog.RetryAfterTooLong(_logger, BotId, method, chat?.ToString() ?? "-", (long)wait.TotalMilliseconds, (long)_limits.MaxRetryAfter.TotalMilliseconds);
        else if (attempt >= _limits.MaxRetriesOn429)
            BotLog.RetriesExhausted(_logger, BotId, method, chat?.ToString() ?? "-", attempt);
        return wait;
    }
}

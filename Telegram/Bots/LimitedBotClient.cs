using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.Telegram.Bots.Limits;
using Cluster.Telegram.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot;
using Telegram.Bot.Args;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using TGFile = Telegram.Bot.Types.TGFile;

namespace Cluster.Telegram.Bots;

/// <summary>Telegram.Bot's <see cref="ITelegramBotClient"/> of one bot with our outgoing limits in front of it: every request
/// Telegram.Bot makes passes <see cref="SendRequest{TResponse}"/>, so whoever holds this client cannot go around the limiter.</summary>
/// <remarks>Message-sending requests (<see cref="SendMethods"/>: send*, copy*, forward*, edit*) wait for their chat's turn and
/// the bot's rate, and a 429 pauses the chat (or the bot) and is retried after retry_after, a bounded number of times; a pause
/// longer than <see cref="BotRateLimitOptions.MaxRetryAfter"/> is surfaced at once, and later sends to that chat are refused
/// without reaching Telegram while it lasts. Other requests are not limited but also wait out short 429s; getUpdates is never
/// retried (the poller decides). Every request is counted in <see cref="Counters"/> and the "Cluster.Telegram" meter, and gets
/// <see cref="BotClientOptions.RequestTimeout"/> (a long poll its poll timeout on top). The inner client must not retry 429s
/// itself (<see cref="TelegramBotClientOptions.RetryThreshold"/> 0), or its waits would bypass the limiter's accounting.</remarks>
public sealed partial class LimitedBotClient : ITelegramBotClient
{
    /// <summary>The Bot API methods that post or change a message in a chat, which Telegram's limits count.</summary>
    public static readonly IReadOnlySet<string> SendMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "sendMessage", "sendPhoto", "sendVideo", "sendDocument", "sendAudio", "sendVoice", "sendAnimation", "sendSticker",
        "sendVideoNote", "sendMediaGroup", "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendDice",
        "copyMessage", "copyMessages", "forwardMessage", "forwardMessages",
        "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup",
    };

    private readonly ITelegramBotClient _inner;
    private readonly BotRateLimitOptions _limits;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="inner">Telegram.Bot's client for the token, made with RetryThreshold 0.</param>
    public LimitedBotClient(ITelegramBotClient inner, BotRateLimitOptions limits, TimeSpan requestTimeout, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        if (requestTimeout <= TimeSpan.Zero) throw new ArgumentException($"The request timeout must be positive, got {requestTimeout}.", nameof(requestTimeout));
        _inner = inner;
        _limits = limits;
        _requestTimeout = requestTimeout;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Limiter = limits.Enabled ? new OutgoingRateLimiter(limits, _time) : null;
    }

    /// <summary>Totals of requests, failures, 429s and retries since this client was made.</summary>
    public BotClientCounters Counters { get; } = new();

    /// <summary>The limiter in use, or null when limits are disabled.</summary>
    public OutgoingRateLimiter? Limiter { get; }

    public bool LocalBotServer => _inner.LocalBotServer;

    public long BotId => _inner.BotId;

    public TimeSpan Timeout
    {
        get => _inner.Timeout;
        set => _inner.Timeout = value;
    }

    public IExceptionParser ExceptionsParser
    {
        get => _inner.ExceptionsParser;
        set => _inner.ExceptionsParser = value;
    }

    public event AsyncEventHandler<ApiRequestEventArgs>? OnMakingApiRequest
    {
        add => _inner.OnMakingApiRequest += value;
        remove => _inner.OnMakingApiRequest -= value;
    }

    public event AsyncEventHandler<ApiResponseEventArgs>? OnApiResponseReceived
    {
        add => _inner.OnApiResponseReceived += value;
        remove => _inner.OnApiResponseReceived -= value;
    }

    public Task<bool> TestApi(CancellationToken cancellationToken = default) => _inner.TestApi(cancellationToken);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken cancellationToken = default) =>
        _inner.DownloadFile(filePath, destination, cancellationToken);

    public Task DownloadFile(TGFile file, Stream destination, CancellationToken cancellationToken = default) =>
        _inner.DownloadFile(file, destination, cancellationToken);

    public Task<TResponse> SendRequest<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.MethodName;
        if (request is GetUpdatesRequest poll)
            return CallOnceAsync(request, cancellationToken, TimeSpan.FromSeconds(Math.Max(0, poll.Timeout ?? 0)));
        if (SendMethods.Contains(method) && request is IChatTargetable { ChatId: { } chat })
            return SendAsync(request, chat, cancellationToken);
        return CallAsync(request, null, cancellationToken);
    }

    /// <summary>A message-sending call: the chat's turn and the bot's rate first, then the call with 429 retries.</summary>
    private async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, ChatId chat, CancellationToken cancellationToken)
    {
        var method = request.MethodName;
        var messages = MessageCount(request);
        if (_limits.PaidBroadcastMessagesPerSecond is not null) MarkPaidBroadcast(request);
        if (Limiter is null)
        {
            var result = await CallAsync(request, chat, cancellationToken).ConfigureAwait(false);
            TelegramMetrics.BotMessagesSent.Add(messages, new KeyValuePair<string, object?>("method", method));
            return result;
        }

        using var turn = await Limiter.EnterAsync(chat, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (await turn.WaitForSlotAsync(messages, cancellationToken).ConfigureAwait(false) is { } remaining)
            {
                BotLog.RefusedWhilePaused(_logger, BotId, method, chat.ToString(), (long)remaining.TotalMilliseconds);
                TelegramMetrics.BotSendsRefused.Add(1, new KeyValuePair<string, object?>("method", method));
                Counters.Refusal();
                throw new ApiRequestException("Too Many Requests: the chat is paused by flood control (not sent)", 429,
                    new ResponseParameters { RetryAfter = (int)Math.Ceiling(remaining.TotalSeconds) });
            }
            try
            {
                var result = await CallOnceAsync(request, cancellationToken).ConfigureAwait(false);
                TelegramMetrics.BotMessagesSent.Add(messages, new KeyValuePair<string, object?>("method", method));
                return result;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
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
    private async Task<TResponse> CallAsync<TResponse>(IRequest<TResponse> request, ChatId? chat, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CallOnceAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                var wait = RetryWait(request.MethodName, chat, e, attempt);
                if (wait > _limits.MaxRetryAfter || attempt >= _limits.MaxRetriesOn429)
                    throw;
                BotLog.WaitingAfter429(_logger, BotId, request.MethodName, chat?.ToString() ?? "-", (long)wait.TotalMilliseconds, attempt + 1);
                CountRetry(request.MethodName);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One request through Telegram.Bot, counted, timed out after the request timeout (plus <paramref name="longPoll"/>,
    /// how long the server may legitimately hold it), its failure logged without the token.</summary>
    private async Task<TResponse> CallOnceAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken, TimeSpan longPoll = default)
    {
        var method = request.MethodName;
        Counters.Call();
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = _requestTimeout + longPoll;
        timeout.CancelAfter(limit);
        try
        {
            var result = await _inner.SendRequest(request, timeout.Token).ConfigureAwait(false);
            TelegramMetrics.BotRequest(method, Stopwatch.GetElapsedTime(started), null);
            return result;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var timedOut = new RequestException($"Bot API {method}: no answer within the request timeout of {limit.TotalSeconds:0.###} s", e);
            Failed(method, started, timedOut);
            throw timedOut;
        }
        catch (RequestException e)
        {
            Failed(method, started, e);
            throw;
        }
    }

    private void Failed(string method, long started, RequestException e)
    {
        Counters.Failure();
        TelegramMetrics.BotRequest(method, Stopwatch.GetElapsedTime(started), e);
        if (e is ApiRequestException api)
        {
            if (api.ErrorCode == 429) Counters.TooManyRequest();
            BotLog.CallFailed(_logger, BotId, method, api.ErrorCode, api.Message);
        }
        else
        {
            BotLog.TransportFailed(_logger, BotId, method, e.Message);
        }
    }

    private void CountRetry(string method)
    {
        Counters.Retry();
        TelegramMetrics.BotRetries.Add(1, new KeyValuePair<string, object?>("method", method));
    }

    /// <summary>The wait for a 429: retry_after (from its parameters, or from "retry after N" in the text, which older servers
    /// send) raised to the configured minimum, since 0 would hammer the server; logged when it is too long to wait or the retries
    /// are used up (the caller then surfaces the error).</summary>
    private TimeSpan RetryWait(string method, ChatId? chat, ApiRequestException e, int attempt)
    {
        var wait = RetryAfter(e);
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

    /// <summary>How long a 429 asks to wait: its retry_after, else the number in "retry after N", else zero.</summary>
    public static TimeSpan RetryAfter(ApiRequestException e)
    {
        if (e.Parameters?.RetryAfter is { } seconds) return TimeSpan.FromSeconds(seconds);
        var match = RetryAfterPattern().Match(e.Message);
        return match.Success ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)) : TimeSpan.Zero;
    }

    /// <summary>How many messages a request posts: an album or a batch copy is one request but each message counts toward the bot's rate.</summary>
    private static int MessageCount(IRequest request) => request switch
    {
        SendMediaGroupRequest album => album.Media?.Count() ?? 1,
        CopyMessagesRequest copies => copies.MessageIds?.Count() ?? 1,
        ForwardMessagesRequest forwards => forwards.MessageIds?.Count() ?? 1,
        _ => 1,
    };

    /// <summary>With a paid broadcast rate configured, every send asks for it (the higher rate is only granted to sends that pay).</summary>
    private static void MarkPaidBroadcast(IRequest request)
    {
        switch (request)
        {
            case SendMessageRequest r: r.AllowPaidBroadcast = true; break;
            case CopyMessageRequest r: r.AllowPaidBroadcast = true; break;
            case SendPhotoRequest r: r.AllowPaidBroadcast = true; break;
            case SendVideoRequest r: r.AllowPaidBroadcast = true; break;
            case SendDocumentRequest r: r.AllowPaidBroadcast = true; break;
            case SendAudioRequest r: r.AllowPaidBroadcast = true; break;
            case SendVoiceRequest r: r.AllowPaidBroadcast = true; break;
            case SendAnimationRequest r: r.AllowPaidBroadcast = true; break;
            case SendStickerRequest r: r.AllowPaidBroadcast = true; break;
            case SendVideoNoteRequest r: r.AllowPaidBroadcast = true; break;
            case SendMediaGroupRequest r: r.AllowPaidBroadcast = true; break;
        }
    }

    [GeneratedRegex(@"retry after (\d{1,9})", RegexOptions.IgnoreCase)]
    private static partial Regex RetryAfterPattern();
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Telegram.Bots.Errors;
using Cluster.Telegram.Bots.Types;
using Microsoft.Extensions.Logging;

namespace Cluster.Telegram.Bots;

/// <summary>One Bot API call over HTTP: POST JSON to {base}/bot{token}/{method}, read the envelope, map failures.</summary>
/// <remarks>Every failure becomes a <see cref="BotApiException"/>; the token is in the URL only and is scrubbed from
/// any text that could reach a log or an exception message.</remarks>
internal sealed class BotApiTransport
{
    private const int SnippetLength = 120;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly string _methodBase;
    private readonly string _token;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public BotApiTransport(HttpClient http, string baseUrl, string token, long botId, TimeSpan timeout, ILogger logger)
    {
        _http = http;
        _methodBase = $"{baseUrl.TrimEnd('/')}/bot{token}/";
        _token = token;
        BotId = botId;
        _timeout = timeout;
        _logger = logger;
    }

    public long BotId { get; }

    public async Task<T> CallAsync<TRequest, T>(
        string method,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<ApiResponse<T>> responseInfo,
        TimeSpan extraTimeout,
        CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, requestInfo));
        content.Headers.ContentType = JsonContentType;
        using var message = new HttpRequestMessage(HttpMethod.Post, _methodBase + method) { Content = content };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = _timeout + extraTimeout;
        timeout.CancelAfter(limit);

        int status;
        string? mediaType;
        byte[] payload;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            payload = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Transport(method, 0, $"no answer within the request timeout of {limit.TotalSeconds:0.###} s", isTimeout: true);
        }
        catch (HttpRequestException e)
        {
            throw Transport(method, (int?)e.StatusCode ?? 0, $"the request failed: {e.GetType().Name}: {Scrub(e.Message)}");
        }

        ApiResponse<T>? envelope;
        try
        {
            envelope = payload.Length == 0 ? null : JsonSerializer.Deserialize(payload, responseInfo);
        }
        catch (JsonException e)
        {
            throw Transport(method, status, $"HTTP {status} with a body that is not the Bot API JSON envelope " +
                $"(content type {mediaType ?? "none"}, {payload.Length} bytes, {Scrub(e.Message)}): {Snippet(payload)}");
        }

        if (envelope is null)
            throw Transport(method, status, $"HTTP {status} with an empty body (content type {mediaType ?? "none"})");

        if (envelope.Ok)
        {
            if (envelope.Result is null)
                throw Transport(method, status, $"HTTP {status}: ok without a result");
            return envelope.Result;
        }

        var code = envelope.ErrorCode ?? (status >= 400 ? status : 0);
        var description = Scrub(envelope.Description ?? "no description");
        BotLog.CallFailed(_logger, BotId, method, code, description);
        throw BotApiErrors.FromEnvelope(method, code, description, envelope.Parameters);
    }

    private BotApiTransportException Transport(string method, int status, string reason, bool isTimeout = false)
    {
        BotLog.TransportFailed(_logger, BotId, method, reason);
        return new BotApiTransportException(method, status, reason) { IsTimeout = isTimeout };
    }

    /// <summary>Removes the token from text that came from elsewhere (server descriptions, exception messages).</summary>
    private string Scrub(string text) => text.Replace(_token, "<token>", StringComparison.Ordinal);

    private string Snippet(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, SnippetLength * 4));
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > SnippetLength)
            text = text[..SnippetLength] + "...";
        return Scrub(text);
    }
}

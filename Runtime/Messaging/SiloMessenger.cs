using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Messaging;

/// <summary>Sends requests to silo endpoints over HTTP/2 cleartext (prior knowledge) with one pooled
/// SocketsHttpHandler (a connection pool per silo, several HTTP/2 connections when streams run out), the cluster
/// secret on every request, and the answers mapped back to results, recreated exceptions or routing refusals.</summary>
public sealed class SiloMessenger : IDisposable
{
    private readonly HttpClient _http;
    private readonly ClusterSecret _secret;
    private readonly TimeSpan _callTimeout;
    private readonly ConcurrentDictionary<string, Uri> _callUris = new(StringComparer.Ordinal);

    public SiloMessenger(ClusterSecret secret, TimeSpan callTimeout, TimeSpan connectTimeout)
    {
        _secret = secret;
        _callTimeout = callTimeout;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler)
        {
            Timeout = callTimeout,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Sends one grain call to the silo at <paramref name="address"/>; returns the result's JSON.</summary>
    internal async Task<byte[]> CallAsync(string address, string? grainType, string key, string? interfaceName, string? method, byte[] arguments, string? route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallUri(address))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(arguments),
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(ClusterHeaders.Secret, _secret.Value);
        if (grainType is not null) headers.TryAddWithoutValidation(ClusterHeaders.GrainType, grainType);
        headers.TryAddWithoutValidation(ClusterHeaders.GrainKey, EncodeKey(key));
        if (interfaceName is not null) headers.TryAddWithoutValidation(ClusterHeaders.Interface, interfaceName);
        if (method is not null) headers.TryAddWithoutValidation(ClusterHeaders.Method, method);
        if (route is not null) headers.TryAddWithoutValidation(ClusterHeaders.Route, route);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new GrainRoutingException(RoutingRefusal.Unreachable, $"Silo at {address} is unreachable: {e.Message}");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new GrainCallTimeoutException($"The call {interfaceName}.{method} to {grainType ?? interfaceName}/{key} did not complete within {_callTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e)
        {
            throw new GrainCallException($"The connection to silo {address} failed during the call {interfaceName}.{method} (it may or may not have run): {e.Message}", null, e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK) return body;
            throw ToException(response.StatusCode, body, address);
        }
    }

    /// <summary>GETs a runtime route of a silo (statistics, activation counts) as JSON.</summary>
    public async Task<T> GetAsync<T>(string address, string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // The silo endpoint speaks HTTP/2 only: a message built here would default to HTTP/1.1 (answered 400).
        using var request = new HttpRequestMessage(HttpMethod.Get, address.TrimEnd('/') + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation(ClusterHeaders.Secret, _secret.Value);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK) throw ToException(response.StatusCode, body, address);
        return JsonSerializer.Deserialize(body, typeInfo)!;
    }

    /// <summary>POSTs an empty request to a runtime route of a silo (e.g. a rebalance request); any 2xx is success.</summary>
    public async Task PostAsync(string address, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address.TrimEnd('/') + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        request.Headers.TryAddWithoutValidation(ClusterHeaders.Secret, _secret.Value);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        throw ToException(response.StatusCode, body, address);
    }

    private static Exception ToException(HttpStatusCode status, byte[] body, string address)
    {
        CallError? error = null;
        try { if (body.Length > 0) error = JsonSerializer.Deserialize(body, RuntimeJsonContext.Default.CallError); }
        catch (JsonException) { }
        var message = error?.Message ?? $"Silo at {address} answered HTTP {(int)status}.";
        return status switch
        {
            HttpStatusCode.MisdirectedRequest => new GrainRoutingException(
                error?.Code == CallErrorCodes.Full ? RoutingRefusal.Full : RoutingRefusal.NotHere, message, error?.OwnerSiloId, error?.OwnerAddress),
            HttpStatusCode.ServiceUnavailable => new GrainRoutingException(RoutingRefusal.NotAccepting, message),
            HttpStatusCode.GatewayTimeout => new GrainCallTimeoutException(message),
            HttpStatusCode.Unauthorized => new GrainCallException($"Silo at {address} refused the request: the cluster secret does not match."),
            HttpStatusCode.InternalServerError when error is not null => RemoteExceptions.FromError(error),
            _ => new GrainCallException(message),
        };
    }

    private Uri CallUri(string address)
        => _callUris.GetOrAdd(address, static a => new Uri(a.TrimEnd('/') + ClusterHeaders.CallPath));

    /// <summary>Percent-encodes a key only when it has characters a header cannot carry as they are.</summary>
    internal static string EncodeKey(string key)
    {
        foreach (var c in key)
            if (c is < '!' or > '~' or '%') return Uri.EscapeDataString(key);
        return key;
    }

    internal static string DecodeKey(string header) => header.Contains('%') ? Uri.UnescapeDataString(header) : header;

    public void Dispose() => _http.Dispose();
}

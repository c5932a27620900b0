using System.Collections.Concurrent;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>Sits under Telegram.Bot's HttpClient and keeps what it sent: method, content type and body (files included),
/// so tests check the wire form Telegram.Bot really uses, not what we assume it does.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public sealed record Sent(string Method, string? MediaType, string Body);

    public ConcurrentQueue<Sent> Requests { get; } = new();

    public Sent Last(string method) => Requests.Last(r => r.Method == method);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = "";
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        var method = request.RequestUri!.Segments[^1];
        Requests.Enqueue(new Sent(method, request.Content?.Headers.ContentType?.MediaType, body));
        return await base.SendAsync(request, cancellationToken);
    }
}

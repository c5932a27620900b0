using System.Net;
using System.Net.Sockets;

namespace Cluster.Runtime.Tests.Cluster.Failover;

/// <summary>A TCP proxy between one silo and its database, so a test can cut that silo's connection alone.
/// <see cref="Sever"/> makes it a black hole (bytes stop flowing both ways, new connections hang), which is how a
/// network partition looks to the silo: no error, just silence.</summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private volatile bool _severed;
    private readonly Task _acceptLoop;

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Sever() => _severed = true;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            lock (_connections) _connections.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            if (_severed) { await Task.Delay(Timeout.Infinite, _stop.Token); return; }
            var server = new TcpClient();
            lock (_connections) _connections.Add(server);
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        }
        catch (Exception) { /* the test tore the proxy down */ }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            var read = await from.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            // Severed: swallow everything and never answer, like a partition.
            if (_severed) { await Task.Delay(Timeout.Infinite, _stop.Token); return; }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections) foreach (var c in _connections) c.Dispose();
        try { await _acceptLoop; } catch (Exception) { }
        _stop.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A TCP proxy (by default on a free loopback port) in front of another endpoint (a silo's way to PostgreSQL) that a test can cut
/// like a network partition: while cut, nothing is forwarded either way and new connections are accepted but never reach the
/// target, so the process behind it sees its requests hang rather than fail fast. Healing closes every connection that lived
/// through the cut (as a partition's end resets them) and forwards again.</summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    /// <summary>A proxy to <paramref name="target"/> listening on <paramref name="listenOn"/> (default: a free loopback port).</summary>
    public TcpProxy(IPEndPoint target, IPEndPoint? listenOn = null)
    {
        _target = target;
        _listener = new TcpListener(listenOn ?? new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public bool IsCut => _cut;

    /// <summary>Stops forwarding: every connection hangs from now on.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var link in _links.Keys) link.LivedThroughCut = true;
    }

    /// <summary>Resets the connections that lived through the cut and forwards again.</summary>
    public void Heal()
    {
        foreach (var link in _links.Keys.Where(l => l.LivedThroughCut)) link.Abort();
        _cut = false;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try { accepted = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            var link = new Link(accepted) { LivedThroughCut = _cut };
            _links[link] = 0;
            _ = RunAsync(link);
        }
    }

    private async Task RunAsync(Link link)
    {
        try
        {
            // Connected during a cut: held until the cut heals (and then reset with the others).
            while (_cut && !link.Closed) await Task.Delay(50, _stop.Token);
            if (link.Closed) return;
            await link.Outbound.ConnectAsync(_target, _stop.Token);
            await Task.WhenAny(PumpAsync(link, link.Inbound, link.Outbound), PumpAsync(link, link.Outbound, link.Inbound));
        }
        catch (Exception) { }
        finally
        {
            link.Abort();
            _links.TryRemove(link, out _);
        }
    }

    private async Task PumpAsync(Link link, Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        while (!link.Closed)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0) return;
            // Read during a cut: withheld, as a partitioned network loses it (the connection is reset when the cut heals).
            while (_cut && !link.Closed) await Task.Delay(50, _stop.Token);
            if (link.Closed) return;
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var link in _links.Keys) link.Abort();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }

    private sealed class Link(Socket inbound)
    {
        private int _closed;
        public Socket Inbound { get; } = inbound;
        public Socket Outbound { get; } = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        public volatile bool LivedThroughCut;
        public bool Closed => Volatile.Read(ref _closed) == 1;

        public void Abort()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1) return;
            foreach (var socket in new[] { Inbound, Outbound })
            {
                try { socket.LingerState = new LingerOption(true, 0); } catch (Exception) { }
                try { socket.Close(); } catch (Exception) { }
            }
        }
    }
}

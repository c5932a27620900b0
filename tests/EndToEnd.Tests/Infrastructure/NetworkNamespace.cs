using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A Linux network namespace joined to this machine by a veth pair, for a silo that a test can cut off from its
/// cluster as a real partition does, in both directions, while it still reaches Telegram. On the host side the link has two
/// addresses: <see cref="ClusterAddress"/>, which the other silos advertise and where the namespaced silo reaches PostgreSQL
/// (through a <see cref="TcpProxy"/>), and <see cref="TelegramAddress"/>, where it reaches the simulator (through another);
/// the namespaced silo advertises <see cref="InnerAddress"/>. <see cref="CutFromCluster"/> blackholes ClusterAddress inside
/// the namespace: the silo's packets to the database and its peers, and its answers to them, are dropped; Telegram stays
/// reachable. Its HTTP port is bridged to the host's loopback, so the usual readiness checks work. Needs root
/// (CAP_NET_ADMIN, CAP_SYS_ADMIN) and iproute2.</summary>
internal sealed class NetworkNamespace : IAsyncDisposable
{
    private readonly List<TcpProxy> _bridges = [];
    private readonly string _hostLink;
    private bool _cut;

    private NetworkNamespace(string name, string hostLink, int subnet)
    {
        Name = name;
        _hostLink = hostLink;
        ClusterAddress = IPAddress.Parse($"10.199.{subnet}.1");
        InnerAddress = IPAddress.Parse($"10.199.{subnet}.2");
        TelegramAddress = IPAddress.Parse($"10.199.{subnet}.3");
    }

    public string Name { get; }

    /// <summary>The host's address on the link: the other silos advertise it; the database is reached here.</summary>
    public IPAddress ClusterAddress { get; }

    /// <summary>The namespaced silo's address (it advertises it).</summary>
    public IPAddress InnerAddress { get; }

    /// <summary>The host's second address on the link: the simulator is reached here, also while cut.</summary>
    public IPAddress TelegramAddress { get; }

    /// <summary>Why this machine cannot run a namespaced silo, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "a network namespace needs Linux";
        if (!Environment.IsPrivilegedProcess) return "a network namespace and a veth pair need root (CAP_NET_ADMIN, CAP_SYS_ADMIN)";
        try
        {
            var (code, output) = Run("ip", "-V");
            return code == 0 ? null : $"`ip -V` exited with {code}: {output}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"iproute2's `ip` was not found ({e.Message}); install iproute2";
        }
    }

    public static NetworkNamespace Create()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var subnet = Random.Shared.Next(1, 250);
        var ns = new NetworkNamespace($"e2e-{id}", $"e2eh{id}", subnet);
        var inner = $"e2en{id}";
        try
        {
            Must("ip", "netns", "add", ns.Name);
            Must("ip", "link", "add", ns._hostLink, "type", "veth", "peer", "name", inner);
            Must("ip", "link", "set", inner, "netns", ns.Name);
            Must("ip", "addr", "add", $"{ns.ClusterAddress}/29", "dev", ns._hostLink);
            Must("ip", "addr", "add", $"{ns.TelegramAddress}/29", "dev", ns._hostLink);
            Must("ip", "link", "set", ns._hostLink, "up");
            Must("ip", "netns", "exec", ns.Name, "ip", "addr", "add", $"{ns.InnerAddress}/29", "dev", inner);
            Must("ip", "netns", "exec", ns.Name, "ip", "link", "set", inner, "up");
            Must("ip", "netns", "exec", ns.Name, "ip", "link", "set", "lo", "up");
        }
        catch
        {
            ns.Remove();
            throw;
        }
        return ns;
    }

    /// <summary>A proxy on the host at <paramref name="address"/> (a free port) to <paramref name="target"/> on the host.</summary>
    public TcpProxy Bridge(IPAddress address, IPEndPoint target)
    {
        var proxy = new TcpProxy(target, new IPEndPoint(address, 0));
        _bridges.Add(proxy);
        return proxy;
    }

    /// <summary>Drops everything between the namespace and <see cref="ClusterAddress"/>, both ways.</summary>
    public void CutFromCluster()
    {
        Must("ip", "netns", "exec", Name, "ip", "route", "add", "blackhole", $"{ClusterAddress}/32");
        _cut = true;
    }

    public void Heal()
    {
        if (!_cut) return;
        Must("ip", "netns", "exec", Name, "ip", "route", "del", "blackhole", $"{ClusterAddress}/32");
        _cut = false;
    }

    /// <summary>Starts the built silo inside the namespace as <see cref="SiloProcess.Start"/> starts one (free ports, the
    /// given settings), its HTTP port bridged to the same port on the host's loopback.</summary>
    public SiloProcess StartSilo(IReadOnlyDictionary<string, string> settings, string workingDirectory)
    {
        var httpPort = SiloProcess.FreePort();
        var siloPort = SiloProcess.FreePort();
        var gatewayPort = SiloProcess.FreePort();
        var info = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in new[] { "netns", "exec", Name, "dotnet", SiloProcess.SiloDll }) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["ASPNETCORE_URLS"] = "";
        info.Environment["Silo__HttpPort"] = httpPort.ToString();
        info.Environment["Silo__PublicHost"] = "127.0.0.1";
        info.Environment["Cluster__SiloPort"] = siloPort.ToString();
        info.Environment["Cluster__GatewayPort"] = gatewayPort.ToString();
        foreach (var (key, value) in settings) info.Environment[key] = value;
        _bridges.Add(new TcpProxy(new IPEndPoint(InnerAddress, httpPort), new IPEndPoint(IPAddress.Loopback, httpPort)));
        var process = Process.Start(info) ?? throw new InvalidOperationException("ip netns exec did not start");
        var silo = NewSiloProcess(process, workingDirectory, false, httpPort, siloPort, gatewayPort);
        var lines = LinesOf(silo);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    // SiloProcess (shared with the silo tests, compiled from their source) starts `dotnet` itself; a namespaced silo is
    // started through `ip netns exec` (which execs, so the process id is the silo's) and handed to the same class.
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern SiloProcess NewSiloProcess(Process process, string workingDirectory, bool ownsDirectory, int httpPort, int siloPort, int gatewayPort);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_lines")]
    private static extern ref ConcurrentQueue<string> LinesOf(SiloProcess silo);

    private void Remove()
    {
        try { Run("ip", "netns", "del", Name); } catch (Exception) { }
        try { Run("ip", "link", "del", _hostLink); } catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bridge in _bridges) await bridge.DisposeAsync();
        Remove();
    }

    private static void Must(string file, params string[] arguments)
    {
        var (code, output) = Run(file, arguments);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {code}: {output}");
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}

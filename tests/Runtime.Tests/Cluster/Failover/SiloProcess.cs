using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Runtime.Tests.Cluster.Failover;

/// <summary>A test silo running as a real OS process (<c>dotnet Cluster.Runtime.TestSilo.dll</c>, copied next to the
/// test assembly into <c>testsilo/</c>), so it can be killed with SIGKILL or stopped with SIGTERM.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    public const string Secret = "failover-tests-cluster-secret";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }
    public int Port { get; }
    public string SiloId => $"{Name}-{Port}";
    public string Address => $"http://127.0.0.1:{Port}";
    public bool HasExited => _process.HasExited;
    public string Output => string.Join(Environment.NewLine, _output);

    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "testsilo", "Cluster.Runtime.TestSilo.dll");

    /// <summary>Starts a silo and waits until it prints READY (registered and serving).</summary>
    public static async Task<SiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? readyTimeout = null)
    {
        if (!File.Exists(SiloDll)) throw new FileNotFoundException($"The test silo was not built next to the tests: {SiloDll}");
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloDll);
        var all = new Dictionary<string, string>(settings)
        {
            ["Cluster:Secret"] = Secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Membership:SiloId"] = $"{name}-{port}",
        };
        foreach (var (key, value) in all) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["ASPNETCORE_URLS"] = "";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(name, port, process);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timeout = readyTimeout ?? TimeSpan.FromSeconds(40);
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(timeout));
        if (first != silo._ready.Task)
        {
            silo.Kill();
            throw new InvalidOperationException($"Silo {name} did not become ready within {timeout}:{Environment.NewLine}{silo.Output}");
        }
        return silo;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (line.StartsWith("READY ", StringComparison.Ordinal)) _ready.TrySetResult(line[6..]);
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    /// <summary>SIGTERM, then waits for the graceful shutdown to finish.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        _ = SendSignal(_process.Id, 15);
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { Kill(); throw new TimeoutException($"Silo {Name} did not stop within {timeout}:{Environment.NewLine}{Output}"); }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    private static int SendSignal(int pid, int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try { await WaitForExitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { }
        _process.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Cluster.Silo.Tests.Infrastructure;

/// <summary>The built silo (<c>dotnet Cluster.Silo.dll</c>, copied next to the tests) started as a user would, as a
/// real process in its own temporary working directory (so its cluster.db lands there), with settings given as
/// environment variables (<c>Silo__HttpPort</c>, <c>Cluster__SiloPort</c>, ...). Every output line is kept; SIGTERM stops
/// it gracefully.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly bool _ownsDirectory;

    private SiloProcess(Process process, string workingDirectory, bool ownsDirectory, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        WorkingDirectory = workingDirectory;
        _ownsDirectory = ownsDirectory;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "Cluster.Silo.dll");

    public string WorkingDirectory { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    /// <summary>The Orleans gateway port, where clients (the admin bot, a test's cluster client) connect.</summary>
    public int GatewayPort { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public IReadOnlyList<string> Lines => _lines.ToArray();
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>The JSON log lines, in order (lines that are not JSON are skipped).</summary>
    public IReadOnlyList<JsonElement> JsonLines => Lines.Select(TryParse).OfType<JsonElement>().ToList();

    /// <summary>Starts the silo with free ports (Silo__HttpPort, Cluster__SiloPort, Cluster__GatewayPort) and the given
    /// settings (which may override them), in <paramref name="workingDirectory"/> or a new temporary folder, with
    /// <paramref name="arguments"/> after the dll (e.g. <c>schema</c>).</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string>? settings = null, string? workingDirectory = null,
        IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(SiloDll)) throw new FileNotFoundException($"The silo was not built next to the tests: {SiloDll}");
        var owns = workingDirectory is null;
        workingDirectory ??= Directory.CreateTempSubdirectory("silo-test-").FullName;
        var httpPort = FreePort();
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(SiloDll);
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["ASPNETCORE_URLS"] = "";
        info.Environment["Silo__HttpPort"] = httpPort.ToString();
        info.Environment["Silo__PublicHost"] = "127.0.0.1";
        info.Environment["Cluster__SiloPort"] = siloPort.ToString();
        info.Environment["Cluster__GatewayPort"] = gatewayPort.ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // A setting may move a port (or make it invalid, for a validation test): the process uses what it was given.
        int Port(string key, int free) => int.TryParse(info.Environment[key], out var port) ? port : free;
        var silo = new SiloProcess(process, workingDirectory, owns, Port("Silo__HttpPort", httpPort), Port("Cluster__SiloPort", siloPort),
            Port("Cluster__GatewayPort", gatewayPort));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) silo._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) silo._lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/>; fails with the output otherwise.</summary>
    public async Task WaitForStatusAsync(string path, HttpStatusCode status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with {_process.ExitCode} while waiting for {path} to answer {status}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await Http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == status) return;
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} did not answer {status} within {timeout} (last: {last}):{Environment.NewLine}{Output}");
    }

    /// <summary>Waits until a log line contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null) return line;
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No output line contained '{text}' within {timeout}:{Environment.NewLine}{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"The silo did not exit within {timeout}:{Environment.NewLine}{Output}"); }
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>): no shutdown code runs, as when a node dies.</summary>
    public void Kill()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { /* already gone */ }
    }

    /// <summary>Sends SIGTERM, as Kubernetes and systemd do to stop a process.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>A free port never handed out before in this test process (<see cref="Cluster.TestSupport.Network.FreePorts"/>).</summary>
    public static int FreePort() => Cluster.TestSupport.Network.FreePorts.Next();

    private static JsonElement? TryParse(string line)
    {
        if (!line.StartsWith('{')) return null;
        try { return JsonDocument.Parse(line).RootElement.Clone(); }
        catch (JsonException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        try { await WaitForExitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _process.Dispose();
        Http.Dispose();
        if (_ownsDirectory)
        {
            try { Directory.Delete(WorkingDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

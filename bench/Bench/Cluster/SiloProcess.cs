using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cluster.Bench.ClusterBench;

/// <summary>One silo of the cluster benchmark as an OS process of its own (<see cref="SiloHost"/>, this assembly started
/// with <c>cluster-silo</c>), so calls cross a real process boundary over loopback TCP and kill -9 is real. Every silo
/// started is killed on <see cref="DisposeAsync"/>, and by <see cref="KillAll"/> when the benchmark is interrupted; a silo
/// whose benchmark died anyway exits when its standard input closes.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>Orleans' address of the silo (<c>S127.0.0.1:port:generation</c>), as grains report it.</summary>
    public string Address { get; private set; } = "";

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the silo process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public static async Task<SiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var assembly = typeof(SiloProcess).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, null);
        var info = File.Exists(apphost) && !OperatingSystem.IsWindows()
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { assembly } };
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.ArgumentList.Add("cluster-silo");
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"silo {name} did not start");
        Running[process.Id] = process;
        var silo = new SiloProcess(name, process);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith(SiloHost.ReadyPrefix, StringComparison.Ordinal)) ready.TrySetResult(e.Data[SiloHost.ReadyPrefix.Length..].Trim());
            silo.Keep(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) silo.Keep(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(timeout)) != ready.Task)
        {
            var why = exited.IsCompleted ? $"exited with {process.ExitCode}" : $"was not ready within {timeout.TotalSeconds:0} s";
            await silo.DisposeAsync();
            throw new InvalidOperationException($"silo {name} {why}:\n{silo.Output()}");
        }
        silo.Address = ready.Task.Result;
        return silo;
    }

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    /// <summary>The last lines the silo wrote (its warnings and errors), for a failure message.</summary>
    public string Output()
    {
        lock (_output) return string.Join('\n', _output.Select(l => $"  [{Name}] {l}"));
    }

    private void Keep(string line)
    {
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 60) _output.Dequeue();
        }
    }

    /// <summary>Kills every silo still running: the benchmark was interrupted (SIGINT, SIGTERM) or is exiting.</summary>
    public static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (Exception) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(waiting.Token); } catch (OperationCanceledException) { }
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }
}

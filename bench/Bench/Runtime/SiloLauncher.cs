using System.Diagnostics;
using Cluster.Bench.Reporting;

namespace Cluster.Bench.Runtime;

/// <summary>Starts test silos (<c>testsilo/Cluster.Runtime.TestSilo.dll</c>, copied next to the benchmark) as OS
/// processes on one SQLite database, so remote calls cross a real process boundary and kill -9 is real.</summary>
internal sealed class SiloLauncher(string databaseFile, string secret) : IAsyncDisposable
{
    private readonly List<(Process Process, string SiloId)> _silos = [];

    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "testsilo", "Cluster.Runtime.TestSilo.dll");

    public IReadOnlyList<(Process Process, string SiloId)> Silos => _silos;

    public async Task<string> StartAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = Measure.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloDll);
        var all = new Dictionary<string, string>
        {
            ["Cluster:Secret"] = secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Membership:SiloId"] = $"{name}-{port}",
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={databaseFile}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        foreach (var (key, value) in all) info.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(info)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.Add(e.Data);
            if (e.Data.StartsWith("READY ", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
            lock (output) throw new InvalidOperationException($"Silo {name} did not start:\n{string.Join("\n", output)}");
        }
        _silos.Add((process, $"{name}-{port}"));
        return $"{name}-{port}";
    }

    public void Kill(string siloId)
    {
        var (process, _) = _silos.Single(s => s.SiloId == siloId);
        process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _silos)
        {
            try { if (!process.HasExited) process.Kill(true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cluster.AdminBot.Tests.Infrastructure;

/// <summary>The built admin bot (<c>dotnet Cluster.AdminBot.dll</c>, copied next to the tests) as a real process, with
/// settings as environment variables: long-running in bot mode, or one command on the command line.</summary>
internal sealed class AdminBotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private AdminBotProcess(Process process) => _process = process;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Cluster.AdminBot.dll");

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>Starts the bot (no command-line arguments) with <paramref name="settings"/>.</summary>
    public static AdminBotProcess StartBot(IReadOnlyDictionary<string, string> settings)
    {
        var process = Process.Start(Info(settings, [])) ?? throw new InvalidOperationException("dotnet did not start");
        var bot = new AdminBotProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) bot._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) bot._lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Runs one command on the command line: its exit code, standard output and standard error.</summary>
    public static async Task<CliResult> RunCliAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var process = Process.Start(Info(settings, args)) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` did not finish within 60 s: {await stdout} {await stderr}");
        }
        return new CliResult(process.ExitCode, (await stdout).TrimEnd(), await stderr);
    }

    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null) return line;
            if (_process.HasExited) break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The admin bot wrote no line with '{text}' within {timeout} (exited: {_process.HasExited}):{Environment.NewLine}{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"The admin bot did not exit within {timeout}:{Environment.NewLine}{Output}"); }
        return _process.ExitCode;
    }

    private static ProcessStartInfo Info(IReadOnlyDictionary<string, string> settings, string[] args)
    {
        if (!File.Exists(Dll)) throw new FileNotFoundException($"The admin bot was not built next to the tests: {Dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        try { await WaitForExitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _process.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>The standalone Telegram simulator (<c>dotnet Cluster.TelegramSim.dll</c>, copied next to the tests) as a real
/// process on a free loopback port, as <c>tools/run-cluster.sh</c> starts it: silos in other processes share it, and
/// it outlives any of them, so what it recorded (messages, AUTH_KEY_DUPLICATED answers) covers every silo crash.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SimulatorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "Cluster.TelegramSim.dll");

    /// <summary>The simulator's base address, ending with '/': the Bot API, the account API and /sim/... live under it.</summary>
    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>Starts the simulator with <paramref name="arguments"/> (e.g. <c>--no-limits</c>) and waits until its
    /// control API answers.</summary>
    public static async Task<SimulatorProcess> StartAsync(IEnumerable<string>? arguments = null, TimeSpan? startTimeout = null)
    {
        if (!File.Exists(SimulatorDll)) throw new FileNotFoundException($"The simulator was not built next to the tests: {SimulatorDll}");
        var port = SiloProcess.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(SimulatorDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl.AbsoluteUri.TrimEnd('/'));
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["ASPNETCORE_URLS"] = "";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var simulator = new SimulatorProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) simulator._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) simulator._lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await simulator.WaitUntilAnsweringAsync(startTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
        return simulator;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The simulator exited with {_process.ExitCode} at start:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync("sim/world");
                if (response.IsSuccessStatusCode) return;
                last = ((int)response.StatusCode).ToString();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The simulator did not answer sim/world within {timeout} (last: {last}):{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try { await _process.WaitForExitAsync(cancel.Token); } catch (OperationCanceledException) { }
        }
        _process.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>The standalone Telegram simulator (<c>dotnet Cluster.TelegramSim.dll --demo</c>, copied next to the tests) on a
/// free loopback port, shared by several silo processes as tools/run-cluster.sh does it.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SimulatorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public string Output => string.Join(Environment.NewLine, _lines);

    public static async Task<SimulatorProcess> StartAsync(TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Cluster.TelegramSim.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The simulator was not built next to the tests: {dll}");
        var port = SiloProcess.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--demo" }) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["ASPNETCORE_URLS"] = "";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var simulator = new SimulatorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) simulator._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) simulator._lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The simulator exited with {process.ExitCode}:{Environment.NewLine}{simulator.Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(simulator.BaseUrl, "sim/world"));
                if (response.StatusCode == HttpStatusCode.OK) return simulator;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        await simulator.DisposeAsync();
        throw new TimeoutException($"The simulator did not answer /sim/world within {timeout}:{Environment.NewLine}{simulator.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        try { await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch (OperationCanceledException) { }
        _process.Dispose();
    }
}

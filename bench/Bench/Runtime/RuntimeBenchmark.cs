using System.Diagnostics;
using Cluster.Bench.Reporting;
using Cluster.Runtime;
using Cluster.Runtime.Client;
using Cluster.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Bench.Runtime;

/// <summary>Figures of the silo core: remote call throughput with 64 callers in flight, latency percentiles at
/// a paced 1,000 calls/s (client -> silo over loopback HTTP/2), and memory per idle activation of an empty grain.
/// Run: <c>dotnet run -c Release --project bench/Bench -- runtime</c>.</summary>
public static class RuntimeBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 5;
        var folder = Path.Combine(Path.GetTempPath(), "cluster-bench");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        const string secret = "bench-secret-0123456789abcdef";
        var port = Measure.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = secret,
            ["Cluster:SiloPort"] = port.ToString(),
            ["Cluster:ListenAddress"] = "127.0.0.1",
            ["Cluster:Membership:Address"] = $"http://127.0.0.1:{port}",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={file}",
        });
        builder.Logging.ClearProviders();
        builder.UseClusterRuntime(cluster => cluster.AddGrains(typeof(BenchGrain).Assembly, typeof(BenchGrain).Namespace));
        var silo = builder.Build();
        await silo.StartAsync();

        var factory = silo.Services.GetRequiredService<IGrainFactory>();
        const int activations = 10_000;
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => factory.GetGrain<IBenchGrain>($"warm-{i}").EchoAsync(i)));
        var before = Measure.Memory();
        for (var batch = 0; batch < activations; batch += 500)
            await Task.WhenAll(Enumerable.Range(batch, 500).Select(i => factory.GetGrain<IBenchGrain>($"idle-{i}").EchoAsync(i)));
        var after = Measure.Memory();
        BenchReport.Print("runtime.bytes_per_idle_activation", (after - before) / (double)activations, "bytes");

        var clientServices = new ServiceCollection().AddLogging();
        clientServices.AddClusterClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Secret"] = secret,
            ["Cluster:Gateways:0"] = $"http://127.0.0.1:{port}",
        }).Build());
        await using var provider = clientServices.BuildServiceProvider();
        var client = provider.GetRequiredService<ClusterClient>();

        const int callers = 64;
        var grains = Enumerable.Range(0, callers).Select(i => client.GetGrain<IBenchGrain>($"bench-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.EchoAsync(0)));
        await RunCallersAsync(grains, TimeSpan.FromSeconds(1)); // warm-up
        var calls = await RunCallersAsync(grains, TimeSpan.FromSeconds(seconds));
        BenchReport.Print($"runtime.remote_calls_per_second_{callers}_callers", calls / (double)seconds, "calls/s");

        var latencies = (await PacedAsync(grains[0], 1000, TimeSpan.FromSeconds(seconds))).Order().ToList();
        BenchReport.Print("runtime.remote_latency_p50_at_1000_per_second", Measure.Percentile(latencies, 0.50), "ms");
        BenchReport.Print("runtime.remote_latency_p99_at_1000_per_second", Measure.Percentile(latencies, 0.99), "ms");
        BenchReport.Print("runtime.remote_latency_p999_at_1000_per_second", Measure.Percentile(latencies, 0.999), "ms");

        await ClusterBenchmark.LocalCallsAsync(factory, seconds);
        await ClusterBenchmark.ActivationsAsync(client);

        await silo.StopAsync();
        await silo.DisposeAsync();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);

        await ClusterBenchmark.FailoverAsync(secret);
        return 0;
    }

    private static async Task<long> RunCallersAsync(IBenchGrain[] grains, TimeSpan duration)
    {
        long total = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(grains.Select(grain => Task.Run(async () =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await grain.EchoAsync(1);
                count++;
            }
            Interlocked.Add(ref total, count);
        })));
        return total;
    }

    private static async Task<List<double>> PacedAsync(IBenchGrain grain, int perSecond, TimeSpan duration)
    {
        var latencies = new List<double>();
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var pending = new List<Task>();
        // A dedicated thread paces the calls (1 ms sleeps, catching up when late) so pacing takes no pool thread.
        // The pacer signals its end through a task: waiting with Task.Run(pacer.Join) would hold one of the
        // two cores' pool threads for the whole run and starve the very calls being measured.
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pacer = new Thread(() =>
        {
            for (var next = start; next < end; next += interval)
            {
                while (Stopwatch.GetTimestamp() < next) Thread.Sleep(1);
                lock (pending) pending.Add(Measure());
            }
            paced.SetResult();
        }) { IsBackground = true };
        pacer.Start();
        await paced.Task;
        Task[] all;
        lock (pending) all = [.. pending];
        await Task.WhenAll(all);
        return latencies;

        async Task Measure()
        {
            var began = Stopwatch.GetTimestamp();
            await grain.EchoAsync(2);
            var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            lock (latencies) latencies.Add(ms);
        }
    }
}

using System.Diagnostics;
using Cluster.Bench.Reporting;
using Cluster.Runtime;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Bench.Runtime;

/// <summary>The cluster figures of the runtime benchmark, one "name: value unit" line each: local call throughput,
/// activations per second, and the failover time from kill -9 of a silo process to all 1,000 always-on grains
/// active again, with default membership and keeper settings.</summary>
internal static class ClusterBenchmark
{
    /// <summary>Calls from inside the silo to grains on the same silo, 64 in flight.</summary>
    public static async Task LocalCallsAsync(IGrainFactory siloFactory, int seconds)
    {
        var grains = Enumerable.Range(0, 64).Select(i => siloFactory.GetGrain<IBenchGrain>($"local-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.EchoAsync(0)));
        var calls = await RunForAsync(TimeSpan.FromSeconds(seconds), grains.Length, worker => grains[worker].EchoAsync(1));
        BenchReport.Print("runtime.local_calls_per_second", calls / (double)seconds, "calls/s");
    }

    /// <summary>New activations through a client, 64 in flight (placement, directory claim, activation, call).</summary>
    public static async Task ActivationsAsync(IGrainFactory client)
    {
        const int count = 2_000;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, _) => await client.GetGrain<IBenchGrain>($"fresh-{i}").EchoAsync(i));
        BenchReport.Print("runtime.activations_per_second", count / Stopwatch.GetElapsedTime(started).TotalSeconds, "activations/s");
    }

    /// <summary>Three test silo processes on one SQLite database with default timings and 1,000 always-on grains;
    /// kills (SIGKILL) the silo holding the most and times until every grain is owned by a live silo again.</summary>
    public static async Task FailoverAsync(string secret)
    {
        const int count = 1_000;
        var folder = Path.Combine(Path.GetTempPath(), "cluster-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "failover.db");
        try
        {
            await using var silos = new SiloLauncher(file, secret);
            await silos.StartAsync("f0");
            await using var services = new ServiceCollection().AddLogging()
                .AddClusterStorage(o => o.ConnectionString = $"Data Source={file}").BuildServiceProvider();
            var storage = services.GetRequiredService<IClusterStorage>();
            for (var i = 0; i < count; i++) await storage.AlwaysOn.AddAsync($"alwayson/a{i}", "alwayson", CancellationToken.None);
            await silos.StartAsync("f1");
            await silos.StartAsync("f2");
            var deathTimeout = new MembershipOptions().DeathTimeout;

            async Task<Dictionary<string, int>> LiveOwnersAsync()
            {
                var snapshot = await storage.Membership.ReadAllAsync(CancellationToken.None);
                var live = snapshot.Silos
                    .Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown && snapshot.DatabaseNow - s.LastHeartbeat <= deathTimeout)
                    .Select(s => s.SiloId).ToHashSet();
                var owned = await storage.Directory.ListOwnedAsync(null, CancellationToken.None);
                return owned.Where(e => e.GrainType == "alwayson" && live.Contains(e.SiloId!))
                    .GroupBy(e => e.SiloId!).ToDictionary(g => g.Key, g => g.Count());
            }

            var waiting = Stopwatch.StartNew();
            while ((await LiveOwnersAsync()).Values.Sum() < count)
            {
                if (waiting.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the always-on grains did not all activate");
                await Task.Delay(100);
            }
            // Let the three silos settle (the keeper of a joining silo may still be busy) before the kill.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var victim = (await LiveOwnersAsync()).MaxBy(o => o.Value);
            var killed = Stopwatch.StartNew();
            silos.Kill(victim.Key);
            while (true)
            {
                var owners = await LiveOwnersAsync();
                if (!owners.ContainsKey(victim.Key) && owners.Values.Sum() == count) break;
                if (killed.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the grains of the killed silo did not come back");
                await Task.Delay(50);
            }
            BenchReport.Print("runtime.failover_seconds_1000_always_on", killed.Elapsed.TotalSeconds, "s");
            BenchReport.Print("runtime.failover_grains_reactivated", victim.Value, "grains");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<long> RunForAsync(TimeSpan duration, int workers, Func<int, Task> call)
    {
        long total = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await call(worker);
                // Local calls to idle activations complete synchronously: without a yield now and then the
                // callers hold every pool thread, the silo's heartbeat cannot run and the silo (rightly) fences itself.
                if ((++count & 255) == 0) await Task.Yield();
            }
            Interlocked.Add(ref total, count);
        })));
        return total;
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Bench.Reporting;
using Cluster.Hosting.Hosting;
using Cluster.TestSupport.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Cluster.Bench.ClusterBench;

/// <summary>The Orleans cluster figures, one "name: value unit" line each (how they were measured, and the load average
/// beside each, as "# ..." lines on stderr). Every silo is a process of its own (<see cref="SiloProcess"/>) configured by
/// the product's <c>UseClusterSilo</c>; this process is the client, configured by <c>UseClusterClient</c>.
/// <list type="number">
/// <item>Remote calls/s: client -> one silo over loopback TCP, 64 calls in flight on 64 empty grains, with the product's
/// single-silo configuration (SQLite, no TLS), then again with mutual TLS (<c>Cluster:Tls</c>, a self-signed cluster
/// certificate).</item>
/// <item>Call latency p50/p99/p99.9 at a steady 1,000 calls/s, open loop (a pacing thread sends on schedule whatever the
/// answers do), without and with TLS.</item>
/// <item>Memory per idle activation: N empty grains activated in a silo of their own, managed heap after full collections
/// and working set of the silo process, before and after.</item>
/// <item>Failover: 3 silos on PostgreSQL (a throwaway server) with the product's membership and keeper defaults and
/// mutual TLS (what the product requires on PostgreSQL), 1,000 always-on grains registered with the keeper; kill -9 of
/// the silo holding most of them; time until every grain answers a call again, from a silo still alive.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/Bench -- cluster [--seconds S] [--latency-seconds S] [--activations N]
/// [--only calls,memory,failover] [--no-tls]</c>.</summary>
public static class ClusterBenchmark
{
    private const int InFlight = 64;
    private const int AlwaysOnGrains = 1_000;
    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromMinutes(2);

    private sealed record Options(int Seconds, int LatencySeconds, int Activations, HashSet<string> Only, bool Tls);

    public static async Task<int> RunAsync(string[] args)
    {
        if (ParseOptions(args) is not { } options) return 2;
        var root = Path.Combine(Path.GetTempPath(), "cluster-bench");
        RemoveFoldersOfDeadRuns(root);
        var folder = Path.Combine(root, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString());
        PostgresServer? postgres = null;
        var cleanedUp = 0;
        void CleanUp()
        {
            if (Interlocked.Exchange(ref cleanedUp, 1) == 1) return;
            SiloProcess.KillAll();
            postgres?.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (Exception) { }
        }
        // Interrupted (Ctrl+C, SIGTERM): the silo processes and the PostgreSQL server go first; then the default ends the process.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => CleanUp());
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => CleanUp());
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => CleanUp());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp();
        try
        {
            BenchReport.Note($"cluster benchmark: {Environment.ProcessorCount} cores, load average at start {Measure.LoadAverage()}; " +
                $"every silo is a process of its own (server GC), this process is the client");
            var certificate = options.Tls ? WriteCertificate(folder) : null;
            if (options.Only.Contains("calls"))
            {
                await CallsAsync(folder, options, tls: null);
                if (certificate is not null) await CallsAsync(folder, options, tls: certificate);
            }
            if (options.Only.Contains("memory")) await MemoryAsync(folder, options);
            if (options.Only.Contains("failover"))
            {
                postgres = new PostgresServer();
                await postgres.StartAsync();
                await FailoverAsync(postgres, certificate);
            }
            BenchReport.Note($"load average at end: {Measure.LoadAverage()}");
            return 0;
        }
        finally
        {
            CleanUp();
        }
    }

    private const string OwnerFile = "owner.pid";

    /// <summary>A run killed with SIGKILL cannot delete its folder (SQLite files, the cluster certificate): the next run does.</summary>
    private static void RemoveFoldersOfDeadRuns(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            try
            {
                var owner = Path.Combine(folder, OwnerFile);
                var dead = File.Exists(owner)
                    ? int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}")
                    : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-10); // from before owner files
                if (dead)
                    Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static Options? ParseOptions(string[] args)
    {
        var seconds = 5;
        var latencySeconds = 10;
        var activations = 20_000;
        var only = new HashSet<string> { "calls", "memory", "failover" };
        var tls = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seconds": seconds = int.Parse(Next()); break;
                case "--latency-seconds": latencySeconds = int.Parse(Next()); break;
                case "--activations": activations = int.Parse(Next()); break;
                case "--only": only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(); break;
                case "--no-tls": tls = false; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}: cluster [--seconds S] [--latency-seconds S] [--activations N] [--only calls,memory,failover] [--no-tls]");
                    return null;
            }
        }
        return new Options(seconds, latencySeconds, activations, only, tls);
    }

    // ---- 1 and 2: remote calls/s with 64 in flight, and latency at a steady 1,000 calls/s.

    private static async Task CallsAsync(string folder, Options options, CertificateFile? tls)
    {
        var suffix = tls is null ? "" : "_tls";
        var what = tls is null ? "plain TCP" : "mutual TLS";
        var (silo, client) = await StartSingleSiloAsync(folder, "calls" + suffix, tls);
        await using (silo)
        using (client)
        {
            var factory = client.Services.GetRequiredService<IClusterClient>();
            var grains = Enumerable.Range(0, InFlight).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
            await Task.WhenAll(grains.Select(g => g.PingAsync(0).AsTask()));

            var load = Measure.LoadAverage();
            var (rate, clientCpu, siloCpu, warmUp) = await ThroughputAsync(grains, silo, TimeSpan.FromSeconds(options.Seconds));
            BenchReport.Note($"remote calls ({what}): {InFlight} calls in flight on {InFlight} grains for {options.Seconds} s after {warmUp:0} s of warm-up; " +
                $"load average {load} before, {Measure.LoadAverage()} after");
            BenchReport.Print($"cluster.remote_calls_per_second{suffix}", rate, "calls/s");
            BenchReport.Print($"cluster.remote_call_cpu_client{suffix}", clientCpu, "us/call");
            BenchReport.Print($"cluster.remote_call_cpu_silo{suffix}", siloCpu, "us/call");
            // Calls per CPU-second of client and silo together (two cores of their own would carry up to twice this): less
            // dependent on what else runs on the machine than calls/s.
            BenchReport.Print($"cluster.remote_calls_per_cpu_second{suffix}", 1e6 / (clientCpu + siloCpu), "calls/s");

            // The steady state at 1,000 calls/s, not the way down from full load: a pause, then 2 s at the pace unrecorded.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (latencies, lateSends) = await PacedAsync(grains, 1_000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(options.LatencySeconds));
            BenchReport.Note($"latency ({what}): {latencies.Count} calls paced at 1,000/s over {options.LatencySeconds} s after 2 s at that pace (open loop, " +
                $"from send to answer; p99 of the pacer's lateness {Measure.Percentile(lateSends, 0.99):0.##} ms); load average {Measure.LoadAverage()}");
            BenchReport.Print($"cluster.latency_p50_at_1000_per_second{suffix}", Measure.Percentile(latencies, 0.50), "ms");
            BenchReport.Print($"cluster.latency_p99_at_1000_per_second{suffix}", Measure.Percentile(latencies, 0.99), "ms");
            BenchReport.Print($"cluster.latency_p999_at_1000_per_second{suffix}", Measure.Percentile(latencies, 0.999), "ms");
            BenchReport.Print($"cluster.latency_max_at_1000_per_second{suffix}", latencies[^1], "ms");
            await StopClientAsync(client);
        }
    }

    /// <summary>64 callers, each calling its own grain again as soon as it answered. Warm-up until the JIT has settled (the
    /// rate of two consecutive seconds within 5%, at least 3 s, at most 20 s), then the window.</summary>
    private static async Task<(double Rate, double ClientCpuUs, double SiloCpuUs, double WarmUpSeconds)> ThroughputAsync(IPingGrain[] grains,
        SiloProcess silo, TimeSpan window)
    {
        long calls = 0;
        var stop = 0;
        var workers = grains.Select(grain => Task.Run(async () =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                await grain.PingAsync(1);
                Interlocked.Increment(ref calls);
            }
        })).ToArray();
        var warming = Stopwatch.StartNew();
        var previous = 0.0;
        while (warming.Elapsed < TimeSpan.FromSeconds(20))
        {
            var before = Interlocked.Read(ref calls);
            await Task.Delay(1000);
            var rate = Interlocked.Read(ref calls) - before;
            if (warming.Elapsed >= TimeSpan.FromSeconds(3) && Math.Abs(rate - previous) <= 0.05 * rate) break;
            previous = rate;
        }
        var warmUp = warming.Elapsed.TotalSeconds;
        var (calls0, started, clientCpu0, siloCpu0) = (Interlocked.Read(ref calls), Stopwatch.GetTimestamp(), Measure.CpuTime(), silo.CpuTime());
        await Task.Delay(window);
        var (calls1, elapsed, clientCpu1, siloCpu1) = (Interlocked.Read(ref calls), Stopwatch.GetElapsedTime(started), Measure.CpuTime(), silo.CpuTime());
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(workers);
        var done = calls1 - calls0;
        return (done / elapsed.TotalSeconds, (clientCpu1 - clientCpu0).TotalMicroseconds / done, (siloCpu1 - siloCpu0).TotalMicroseconds / done, warmUp);
    }

    /// <summary>Open loop: a dedicated thread sends one call every 1/<paramref name="perSecond"/> s on schedule (1 ms sleeps,
    /// catching up when late), whatever the answers do, so a slow answer cannot hide the calls queued behind it. Latency is
    /// from the send to the answer; the pacer's lateness is returned beside it.</summary>
    private static async Task<(List<double> Latencies, List<double> LateSends)> PacedAsync(IPingGrain[] grains, int perSecond, TimeSpan warmUp,
        TimeSpan duration)
    {
        var latencies = new List<double>();
        var late = new List<double>();
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var recordFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var end = recordFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var pending = new List<Task>();
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Waiting for the pacer through a task keeps it off the two cores' pool threads, which the calls need.
        var pacer = new Thread(() =>
        {
            var n = 0;
            for (var next = start; next < end; next += interval, n++)
            {
                while (Stopwatch.GetTimestamp() < next) Thread.Sleep(1);
                var record = next >= recordFrom;
                if (record) late.Add((Stopwatch.GetTimestamp() - next) * 1000.0 / Stopwatch.Frequency);
                pending.Add(CallAsync(grains[n % grains.Length], record));
            }
            paced.SetResult();
        }) { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await paced.Task;
        await Task.WhenAll(pending);
        latencies.Sort();
        late.Sort();
        return (latencies, late);

        async Task CallAsync(IPingGrain grain, bool record)
        {
            var began = Stopwatch.GetTimestamp();
            await grain.PingAsync(2);
            var ms = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            if (record) lock (latencies) latencies.Add(ms);
        }
    }

    // ---- 3: memory per idle activation.

    private static async Task MemoryAsync(string folder, Options options)
    {
        var (silo, client) = await StartSingleSiloAsync(folder, "memory", tls: null);
        await using (silo)
        using (client)
        {
            var factory = client.Services.GetRequiredService<IClusterClient>();
            var probe = factory.GetGrain<ISiloProbeGrain>(0);
            var management = factory.GetGrain<IManagementGrain>(0);
            // Warm-up: the silo's code paths and tables have seen activations before the baseline.
            await ActivateAsync(factory, 1_000_000, 2_000);
            var before = await probe.MemoryAsync();
            var activationsBefore = await management.GetTotalActivationCount();
            var started = Stopwatch.GetTimestamp();
            await ActivateAsync(factory, 0, options.Activations);
            var activationSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var after = await probe.MemoryAsync();
            var activationsAfter = await management.GetTotalActivationCount();
            var added = activationsAfter - activationsBefore;
            BenchReport.Note($"memory: {options.Activations:N0} empty grains activated through the client ({InFlight} in flight, " +
                $"{options.Activations / activationSeconds:N0} activations/s), silo's activations {activationsBefore:N0} -> {activationsAfter:N0}; " +
                $"managed heap after full collections {before.ManagedBytes / 1048576.0:0.0} -> {after.ManagedBytes / 1048576.0:0.0} MB, " +
                $"working set {before.WorkingSetBytes / 1048576.0:0.0} -> {after.WorkingSetBytes / 1048576.0:0.0} MB; load average {Measure.LoadAverage()}");
            if (added < options.Activations * 0.99)
                throw new InvalidOperationException($"only {added} of {options.Activations} activations are on the silo (collected?)");
            BenchReport.Print("cluster.activations_per_second", options.Activations / activationSeconds, "activations/s");
            BenchReport.Print("cluster.bytes_per_idle_activation", (after.ManagedBytes - before.ManagedBytes) / (double)options.Activations, "bytes");
            BenchReport.Print("cluster.working_set_bytes_per_idle_activation", (after.WorkingSetBytes - before.WorkingSetBytes) / (double)options.Activations, "bytes");
            await StopClientAsync(client);
        }
    }

    private static Task ActivateAsync(IClusterClient factory, long first, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (i, _) => await factory.GetGrain<IPingGrain>(first + i).PingAsync(i));

    // ---- 4: failover.

    private static async Task FailoverAsync(PostgresServer postgres, CertificateFile? tls)
    {
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var common = new Dictionary<string, string?>
        {
            ["Cluster:Storage:Provider"] = "Postgres",
            ["Cluster:Storage:ConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = cluster,
            ["Cluster:ServiceId"] = cluster,
        };
        AddTls(common, tls);
        var silos = new List<SiloProcess>();
        IHost? client = null;
        try
        {
            silos.Add(await SiloProcess.StartAsync("silo0", SiloSettings(common), SiloStartTimeout));
            silos.AddRange(await Task.WhenAll(SiloProcess.StartAsync("silo1", SiloSettings(common), SiloStartTimeout),
                SiloProcess.StartAsync("silo2", SiloSettings(common), SiloStartTimeout)));
            client = await StartClientAsync(common);
            var factory = client.Services.GetRequiredService<IClusterClient>();
            var grains = Enumerable.Range(0, AlwaysOnGrains).Select(i => factory.GetGrain<IKeptBenchGrain>($"kept-{i}")).ToArray();
            await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (g, _) => await g.EnableAsync());
            // Let the keepers settle (each reads its range and calls its grains) before the kill.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var homes = await Task.WhenAll(grains.Select(g => g.SiloAsync()));
            var placement = homes.GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            var victim = silos.MaxBy(s => placement.GetValueOrDefault(s.Address))!;
            var held = placement.GetValueOrDefault(victim.Address);
            BenchReport.Note($"failover: 3 silo processes on PostgreSQL ({(tls is null ? "no TLS" : "mutual TLS")}, the product's membership defaults), " +
                $"{AlwaysOnGrains} always-on grains registered, placed {string.Join(", ", silos.Select(s => $"{s.Name} {placement.GetValueOrDefault(s.Address)}"))}; " +
                $"kill -9 of {victim.Name} ({held} grains); load average {Measure.LoadAverage()}");

            using var watching = new CancellationTokenSource();
            var declaredDead = WhenDeclaredDeadAsync(connectionString, cluster, victim.Address, watching.Token);
            var killed = Stopwatch.GetTimestamp();
            victim.Kill();
            var answered = await UntilAllAnswerAsync(grains, victim.Address, TimeSpan.FromMinutes(2));
            var seconds = (answered.Max() - killed) / (double)Stopwatch.Frequency;
            var moved = answered.Where((_, i) => homes[i] == victim.Address).Select(t => (t - killed) * 1000.0 / Stopwatch.Frequency).Order().ToList();
            var stayed = answered.Where((_, i) => homes[i] != victim.Address).Select(t => (t - killed) * 1000.0 / Stopwatch.Frequency).Order().ToList();
            var deadAt = await declaredDead.WaitAsync(TimeSpan.FromSeconds(30));
            watching.Cancel();
            var after = (await Task.WhenAll(grains.Select(g => g.SiloAsync()))).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            BenchReport.Note($"failover: every grain answered {seconds:0.00} s after the kill (the killed silo was marked dead in the membership table " +
                $"after {(deadAt - killed) / (double)Stopwatch.Frequency:0.00} s); the killed silo's grains answered after " +
                $"{moved[0] / 1000:0.00} s (first), {Measure.Percentile(moved, 0.5) / 1000:0.00} s (half), {moved[^1] / 1000:0.00} s (all); " +
                $"the other grains after {Measure.Percentile(stayed, 0.5) / 1000:0.00} s (half), {stayed[^1] / 1000:0.00} s (all); now {string.Join(", ", silos.Where(s => s != victim).Select(s => $"{s.Name} {after.GetValueOrDefault(s.Address)}"))}; " +
                $"load average {Measure.LoadAverage()}");
            BenchReport.Print("cluster.failover_seconds_1000_always_on", seconds, "s");
            BenchReport.Print("cluster.failover_grains_on_killed_silo", held, "grains");
            BenchReport.Print("cluster.failover_declared_dead_seconds", (deadAt - killed) / (double)Stopwatch.Frequency, "s");
            await StopClientAsync(client);
        }
        catch (Exception)
        {
            foreach (var silo in silos) Console.Error.WriteLine(silo.Output());
            throw;
        }
        finally
        {
            client?.Dispose();
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>Calls every grain until each has answered from a silo other than <paramref name="dead"/>: a grain not answered
    /// yet gets another call every 100 ms (earlier calls may be stuck on the dead silo or its gateway; any that completes
    /// counts). Returns, per grain, the timestamp of its first answer.</summary>
    private static async Task<long[]> UntilAllAnswerAsync(IKeptBenchGrain[] grains, string dead, TimeSpan timeout)
    {
        var answered = new long[grains.Length];
        var remaining = grains.Length;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!all.Task.IsCompleted)
        {
            if (Stopwatch.GetTimestamp() > until)
                throw new TimeoutException($"{Volatile.Read(ref remaining)} of {grains.Length} grains did not answer within {timeout.TotalSeconds} s");
            for (var i = 0; i < grains.Length; i++)
            {
                if (Volatile.Read(ref answered[i]) != 0) continue;
                var index = i;
                _ = grains[i].SiloAsync().ContinueWith(call =>
                {
                    var at = Stopwatch.GetTimestamp();
                    if (!call.IsCompletedSuccessfully) { _ = call.Exception; return; }
                    if (call.Result == dead || Interlocked.CompareExchange(ref answered[index], at, 0) != 0) return;
                    if (Interlocked.Decrement(ref remaining) == 0) all.TrySetResult();
                }, TaskScheduler.Default);
            }
            await Task.WhenAny(all.Task, Task.Delay(100));
        }
        return answered;
    }

    /// <summary>The timestamp at which the membership table first shows the silo <paramref name="address"/> as dead (status 6).</summary>
    private static async Task<long> WhenDeclaredDeadAsync(string connectionString, string cluster, string address, CancellationToken cancellation)
    {
        // S127.0.0.1:port:generation
        var parts = address.TrimStart('S').Split(':');
        var (port, generation) = (int.Parse(parts[^2]), int.Parse(parts[^1]));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @c AND Port = @p AND Generation = @g", connection);
        command.Parameters.AddWithValue("c", cluster);
        command.Parameters.AddWithValue("p", port);
        command.Parameters.AddWithValue("g", generation);
        while (true)
        {
            if (await command.ExecuteScalarAsync(cancellation) is int status && status == 6) return Stopwatch.GetTimestamp();
            await Task.Delay(50, cancellation);
        }
    }

    // ---- Silos and clients.

    private static Dictionary<string, string?> SiloSettings(Dictionary<string, string?> common)
    {
        var settings = new Dictionary<string, string?>(common)
        {
            ["Cluster:SiloPort"] = Measure.FreePort().ToString(),
            ["Cluster:GatewayPort"] = Measure.FreePort().ToString(),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        };
        return settings;
    }

    /// <summary>One silo with the product's embedded configuration (SQLite in a file of its own) and a client connected to it.</summary>
    private static async Task<(SiloProcess Silo, IHost Client)> StartSingleSiloAsync(string folder, string name, CertificateFile? tls)
    {
        var cluster = "bench-" + name.Replace('_', '-');
        var common = new Dictionary<string, string?>
        {
            ["Cluster:Storage:Provider"] = "Sqlite",
            ["Cluster:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, name + ".db")}",
            ["Cluster:ClusterId"] = cluster,
            ["Cluster:ServiceId"] = cluster,
        };
        AddTls(common, tls);
        var settings = SiloSettings(common);
        var silo = await SiloProcess.StartAsync(name, settings, SiloStartTimeout);
        try
        {
            common["Cluster:GatewayPort"] = settings["Cluster:GatewayPort"];
            return (silo, await StartClientAsync(common));
        }
        catch (Exception)
        {
            Console.Error.WriteLine(silo.Output());
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task<IHost> StartClientAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("BENCH_LOG") is { Length: > 0 })
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true);
        // This process handles its signals itself (kills the silos, then ends), not the client's host.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.UseOrleansClient(client => client.UseClusterClient(builder.Configuration));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await host.StartAsync(timeout.Token);
        return host;
    }

    private static async Task StopClientAsync(IHost client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await client.StopAsync(timeout.Token); } catch (Exception) { }
    }

    // ---- TLS: one self-signed cluster certificate for every silo and client, as an operator would give it.

    private sealed record CertificateFile(string Path, string Password);

    private static CertificateFile WriteCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=telegram-cluster-bench", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(folder, "cluster.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return new CertificateFile(path, password);
    }

    private static void AddTls(Dictionary<string, string?> settings, CertificateFile? tls)
    {
        if (tls is null)
        {
            // PostgreSQL clustering refuses to run without a certificate unless told so; SQLite runs without TLS by default.
            if (settings["Cluster:Storage:Provider"] == "Postgres") settings["Cluster:Tls:Mode"] = "Disabled";
            return;
        }
        settings["Cluster:Tls:CertificatePath"] = tls.Path;
        settings["Cluster:Tls:CertificatePassword"] = tls.Password;
    }
}

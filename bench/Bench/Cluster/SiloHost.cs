using System.Diagnostics;
using Cluster.Hosting.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Cluster.Bench.ClusterBench;

/// <summary>The silo process of the cluster benchmark (<c>Cluster.Bench cluster-silo --Cluster:SiloPort=... ...</c>): an
/// Orleans silo configured only by the product's <see cref="ClusterSiloBuilderExtensions.UseClusterSilo"/> from the
/// command-line settings, hosting the benchmark's grains (and the product's, found by Orleans in the referenced
/// assemblies, though none is called). It prints <c>READY &lt;silo address&gt;</c> once started, logs warnings to stderr,
/// and exits when its standard input closes: when the benchmark ends, or dies without cleaning up.</summary>
internal static class SiloHost
{
    public const string ReadyPrefix = "READY ";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddCommandLine(args);
        builder.Logging.ClearProviders()
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Signals end the process as they would any other (see PassiveLifetime); the benchmark stops silos by closing stdin.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration));
        var host = builder.Build();

        // The benchmark closes this silo's standard input when it is done with it, or by dying. A graceful stop gets 5 s;
        // whatever then still runs (a start stuck on a database that is gone, a stop that hangs) ends with the process.
        var parentGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (stdin.Read(buffer) > 0) { }
            }
            catch (IOException) { }
            parentGone.TrySetResult();
            Thread.Sleep(TimeSpan.FromSeconds(8));
            Process.GetCurrentProcess().Kill();
        }) { IsBackground = true, Name = "stdin watch" }.Start();

        var starting = host.StartAsync();
        if (await Task.WhenAny(starting, parentGone.Task) == starting)
        {
            await starting;
            Console.WriteLine(ReadyPrefix + host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress);
            await Task.WhenAny(parentGone.Task, Task.Delay(Timeout.Infinite, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping));
        }
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await host.StopAsync(stopping.Token); } catch (Exception) { }
        return 0;
    }
}

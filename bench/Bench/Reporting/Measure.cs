using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cluster.Bench.Reporting;

/// <summary>Measuring helpers shared by the benchmarks: percentiles of samples, managed heap size after full collections,
/// process CPU time, the machine's load average, and a free loopback port.</summary>
public static class Measure
{
    /// <summary>The value at or below which <paramref name="p"/> (0..1) of the <paramref name="sorted"/> samples fall; 0 when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
        => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The managed heap after collecting until nothing more is freed (three rounds with finalizers).</summary>
    public static long Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The 1, 5 and 15 minute load averages, to print beside figures that move with the machine's load.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;

namespace Cluster.Silo.Metrics;

/// <summary>The process and .NET runtime families every Prometheus client library exports, read at scrape time:
/// CPU seconds, memory, start time, file descriptors and threads (<c>process_*</c>), GC heap, collections per
/// generation, allocations and pauses, thread pool threads and queue (<c>dotnet_*</c>).</summary>
internal static class ProcessMetrics
{
    public static void Write(PrometheusTextWriter writer)
    {
        using var process = Process.GetCurrentProcess();
        Single(writer, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent, in seconds.", process.TotalProcessorTime.TotalSeconds);
        Single(writer, "process_resident_memory_bytes", "gauge", "Resident memory (working set), in bytes.", process.WorkingSet64);
        Single(writer, "process_virtual_memory_bytes", "gauge", "Virtual memory size, in bytes.", process.VirtualMemorySize64);
        Single(writer, "process_private_memory_bytes", "gauge", "Private memory, in bytes.", process.PrivateMemorySize64);
        Single(writer, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.",
            new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        Single(writer, "process_num_threads", "gauge", "Operating system threads of the process.", process.Threads.Count);
        if (OpenFileDescriptors() is { } fds)
            Single(writer, "process_open_fds", "gauge", "Open file descriptors.", fds);

        var gc = GC.GetGCMemoryInfo();
        Single(writer, "dotnet_gc_heap_size_bytes", "gauge", "GC heap size after the last collection, in bytes.", gc.HeapSizeBytes);
        Single(writer, "dotnet_gc_committed_bytes", "gauge", "Memory committed by the GC, in bytes.", gc.TotalCommittedBytes);
        Single(writer, "dotnet_total_memory_bytes", "gauge", "Bytes currently thought to be allocated on the GC heap.", GC.GetTotalMemory(forceFullCollection: false));
        Single(writer, "dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the GC heap since the process started.", GC.GetTotalAllocatedBytes(precise: false));
        Single(writer, "dotnet_gc_pause_seconds_total", "counter", "Time the GC paused the process, in seconds.", GC.GetTotalPauseDuration().TotalSeconds);
        writer.WriteFamily("dotnet_gc_collections_total", "counter", "Garbage collections since the process started, by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            writer.WriteSample("dotnet_gc_collections_total", $"generation=\"{generation}\"", GC.CollectionCount(generation));

        Single(writer, "dotnet_threadpool_threads", "gauge", "Thread pool threads.", ThreadPool.ThreadCount);
        Single(writer, "dotnet_threadpool_queue_length", "gauge", "Work items queued to the thread pool and not started yet.", ThreadPool.PendingWorkItemCount);
        Single(writer, "dotnet_threadpool_completed_items_total", "counter", "Work items the thread pool completed.", ThreadPool.CompletedWorkItemCount);
        Single(writer, "dotnet_monitor_lock_contentions_total", "counter", "Times a thread waited for a contended Monitor lock.", Monitor.LockContentionCount);
    }

    private static void Single(PrometheusTextWriter writer, string name, string type, string help, double value)
    {
        writer.WriteFamily(name, type, help);
        writer.WriteSample(name, "", value);
    }

    private static int? OpenFileDescriptors()
    {
        try
        {
            return Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

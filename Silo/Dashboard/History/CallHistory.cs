using Cluster.Runtime;

namespace Cluster.Silo.Dashboard.History;

/// <summary>The rolling history behind the dashboard's charts: at each sample, the cluster's cumulative call
/// statistics (published by every silo with its heartbeat) are turned into rates over the interval since the previous
/// sample, per grain type, per method and in total. A silo that restarted (counters going down) starts from zero.</summary>
public sealed class CallHistory(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _times = new();
    private readonly Dictionary<string, Queue<HistorySample?>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<HistorySample?>> _byMethod = new(StringComparer.Ordinal);
    private readonly Queue<HistorySample?> _total = new();
    private readonly Queue<int> _activations = new();
    private Dictionary<(string Silo, string Type, string Method), MethodCallStats> _previous = [];
    private DateTimeOffset? _previousAt;

    public const string TotalSeries = "total";

    /// <summary>Adds a sample taken at <paramref name="at"/>; the first one only sets the baseline.</summary>
    public void Add(DateTimeOffset at, IReadOnlyList<MethodCallStats> stats, int activations)
    {
        var current = stats.GroupBy(s => (s.SiloId, s.GrainType, s.Method)).ToDictionary(g => g.Key, g => g.First());
        lock (_lock)
        {
            var previous = _previous;
            var previousAt = _previousAt;
            _previous = current;
            _previousAt = at;
            if (previousAt is null) return;
            var seconds = Math.Max((at - previousAt.Value).TotalSeconds, 0.001);
            // Per (silo, method): calls and errors and the summed latency over the interval.
            var deltas = current.Select(pair =>
            {
                var now = pair.Value;
                previous.TryGetValue(pair.Key, out var before);
                if (before is null || before.Calls > now.Calls) before = now with { Calls = 0, Errors = 0, AverageMilliseconds = 0 };
                var calls = now.Calls - before.Calls;
                var errors = Math.Max(0, now.Errors - before.Errors);
                var totalMs = Math.Max(0, now.AverageMilliseconds * now.Calls - before.AverageMilliseconds * before.Calls);
                return (now.GrainType, now.Method, Calls: calls, Errors: errors, TotalMs: totalMs, now.P99Milliseconds);
            }).ToList();

            _times.Enqueue(at);
            _activations.Enqueue(activations);
            Append(_total, Summarize(deltas, seconds));
            AppendAll(_byType, deltas.GroupBy(d => d.GrainType).ToDictionary(g => g.Key, g => Summarize(g, seconds)));
            AppendAll(_byMethod, deltas.GroupBy(d => d.GrainType + "." + d.Method).ToDictionary(g => g.Key, g => Summarize(g, seconds)));
            while (_times.Count > capacity)
            {
                _times.Dequeue();
                _activations.Dequeue();
            }
            Trim(_total);
            foreach (var series in _byType.Values.Concat(_byMethod.Values)) Trim(series);
        }
    }

    /// <summary>The times of the samples and every series, aligned with them (null where a series had no data).</summary>
    public HistorySnapshot Snapshot()
    {
        lock (_lock)
        {
            return new HistorySnapshot(
                [.. _times],
                [.. _activations],
                [.. _total],
                _byType.ToDictionary(p => p.Key, p => (IReadOnlyList<HistorySample?>)[.. p.Value], StringComparer.Ordinal),
                _byMethod.ToDictionary(p => p.Key, p => (IReadOnlyList<HistorySample?>)[.. p.Value], StringComparer.Ordinal));
        }
    }

    private static HistorySample Summarize(IEnumerable<(string GrainType, string Method, long Calls, long Errors, double TotalMs, double P99)> deltas, double seconds)
    {
        long calls = 0, errors = 0;
        double totalMs = 0, p99 = 0;
        foreach (var d in deltas)
        {
            calls += d.Calls;
            errors += d.Errors;
            totalMs += d.TotalMs;
            p99 = Math.Max(p99, d.P99);
        }
        return new HistorySample(calls / seconds, errors / seconds, calls == 0 ? 0 : totalMs / calls, p99);
    }

    private void Append(Queue<HistorySample?> series, HistorySample sample) => series.Enqueue(sample);

    // Every series gets a point per sample (null when it had none), so all stay aligned with the times.
    private void AppendAll(Dictionary<string, Queue<HistorySample?>> all, Dictionary<string, HistorySample> samples)
    {
        foreach (var (name, sample) in samples)
        {
            if (!all.TryGetValue(name, out var series))
            {
                series = new Queue<HistorySample?>(Enumerable.Repeat<HistorySample?>(null, _times.Count - 1));
                all[name] = series;
            }
            series.Enqueue(sample);
        }
        foreach (var (name, series) in all)
            if (!samples.ContainsKey(name)) series.Enqueue(null);
    }

    private void Trim(Queue<HistorySample?> series)
    {
        while (series.Count > _times.Count) series.Dequeue();
    }
}

using Cluster.Silo.Dashboard.Masking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Dashboard.Logs;

/// <summary>A logger provider keeping this silo's last warnings and errors in memory (a ring of
/// <see cref="DashboardOptions.LogCapacity"/> entries) for the dashboard's log tail. Messages pass through
/// <see cref="SecretMasker.MaskText"/> as a second guard.</summary>
public sealed class RecentLogBuffer(IOptions<DashboardOptions> options) : ILoggerProvider
{
    private readonly int _capacity = Math.Clamp(options.Value.LogCapacity, 1, 10_000);
    private readonly Queue<RecentLogEntry> _entries = new();
    private readonly Lock _lock = new();
    private long _sequence;

    public ILogger CreateLogger(string categoryName) => new BufferLogger(this, categoryName);

    public IReadOnlyList<RecentLogEntry> Recent(long afterSequence = 0)
    {
        lock (_lock) return [.. _entries.Where(e => e.Sequence > afterSequence)];
    }

    private void Add(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var error = exception is null ? null : SecretMasker.MaskText($"{exception.GetType().Name}: {exception.Message}");
        lock (_lock)
        {
            var entry = new RecentLogEntry(++_sequence, DateTimeOffset.UtcNow, level.ToString(), category, eventId.Id, SecretMasker.MaskText(message), error, null);
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity) _entries.Dequeue();
        }
    }

    public void Dispose() { }

    private sealed class BufferLogger(RecentLogBuffer buffer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            buffer.Add(logLevel, category, eventId, formatter(state, exception), exception);
        }
    }
}

using Cluster.TelegramSim.Faults;

namespace Cluster.TelegramSim.Control;

/// <summary>Every answer given to each client (a bounded ring of records) and unbounded counters per
/// client and status, so tests can assert "exactly one 409" or "no AUTH_KEY_DUPLICATED". Thread-safe.</summary>
public sealed class SimCallLog(int capacity, TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly Queue<SimCallRecord> _records = new();
    private readonly Dictionary<(SimClientKind, long, int), long> _counts = [];
    private readonly Dictionary<string, long> _errorCounts = new(StringComparer.Ordinal);

    internal void Record(SimClientKind kind, long clientUserId, string method, int status, string? error, int? retryAfter)
    {
        var record = new SimCallRecord(time.GetUtcNow(), kind, clientUserId, method, status, error, retryAfter);
        lock (_sync)
        {
            _records.Enqueue(record);
            if (_records.Count > capacity) _records.Dequeue();
            var key = (kind, clientUserId, status);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            if (error is not null)
            {
                var name = ErrorName(error);
                _errorCounts[name] = _errorCounts.GetValueOrDefault(name) + 1;
            }
        }
    }

    /// <summary>The kept records, oldest first, optionally of one client and/or status.</summary>
    public IReadOnlyList<SimCallRecord> Records(SimClientKind? kind = null, long? clientUserId = null, int? status = null, string? method = null)
    {
        lock (_sync)
        {
            return _records.Where(r => (kind is null || r.ClientKind == kind) && (clientUserId is null || r.ClientUserId == clientUserId)
                && (status is null || r.Status == status) && (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))).ToList();
        }
    }

    /// <summary>How many answers had this status (e.g. 429, 409, 406), for one client or all.</summary>
    public long Count(int status, SimClientKind? kind = null, long? clientUserId = null)
    {
        lock (_sync)
        {
            return _counts.Where(p => p.Key.Item3 == status && (kind is null || p.Key.Item1 == kind) && (clientUserId is null || p.Key.Item2 == clientUserId))
                .Sum(p => p.Value);
        }
    }

    /// <summary>Answers per error name ("AUTH_KEY_DUPLICATED", "FLOOD_WAIT", "Too Many Requests", "Conflict", ...).</summary>
    public IReadOnlyDictionary<string, long> ErrorCounts()
    {
        lock (_sync) return new Dictionary<string, long>(_errorCounts);
    }

    /// <summary>Answers of one error name (see <see cref="ErrorCounts"/>).</summary>
    public long CountError(string name)
    {
        lock (_sync) return _errorCounts.GetValueOrDefault(name);
    }

    /// <summary>Forgets records and counters.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _records.Clear();
            _counts.Clear();
            _errorCounts.Clear();
        }
    }

    /// <summary>"Too Many Requests: retry after 5" → "Too Many Requests"; "FLOOD_WAIT_5" → "FLOOD_WAIT".</summary>
    internal static string ErrorName(string error)
    {
        var colon = error.IndexOf(':');
        if (colon > 0) return error[..colon];
        if (error.StartsWith("FLOOD_WAIT_", StringComparison.Ordinal)) return "FLOOD_WAIT";
        return error;
    }
}

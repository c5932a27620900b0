namespace Cluster.TelegramSim.Faults;

/// <summary>Holds the fault rules and picks the one that applies to a request (first match wins; a
/// counted rule is used up request by request). Thread-safe.</summary>
public sealed class SimFaultInjector(TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly List<Entry> _entries = [];
    private long _nextId = 1;

    private sealed class Entry(long id, SimFaultRule rule)
    {
        public long Id { get; } = id;
        public SimFaultRule Rule { get; } = rule;
        public int Hits { get; set; }
        public int? Remaining { get; set; } = rule.Count;
    }

    /// <summary>Installs a rule; returns its id.</summary>
    public long Add(SimFaultRule rule)
    {
        if (rule.Count is < 1) throw new ArgumentException("A fault's Count must be at least 1 when set.");
        if (rule.Kind is SimFaultKind.Latency or SimFaultKind.SlowAnswer && rule.Delay is null) throw new ArgumentException($"A {rule.Kind} fault needs a Delay.");
        if (rule.Kind == SimFaultKind.FloodWait && rule.Until is null && rule.RetryAfterSeconds is null)
            throw new ArgumentException("A flood-wait fault needs Until (a window) or RetryAfterSeconds.");
        lock (_sync)
        {
            var entry = new Entry(_nextId++, rule);
            _entries.Add(entry);
            return entry.Id;
        }
    }

    /// <summary>Removes one rule.</summary>
    public bool Remove(long id)
    {
        lock (_sync) return _entries.RemoveAll(e => e.Id == id) > 0;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_sync) _entries.Clear();
    }

    /// <summary>The installed rules (expired and used-up ones are removed).</summary>
    public IReadOnlyList<SimFault> List()
    {
        lock (_sync)
        {
            Prune();
            return _entries.Select(e => new SimFault(e.Id, e.Rule, e.Hits, e.Remaining)).ToList();
        }
    }

    /// <summary>The rule that applies to this request, if any; counts the hit.</summary>
    public SimFaultRule? Match(SimClientKind kind, long clientUserId, string method)
    {
        lock (_sync)
        {
            if (_entries.Count == 0) return null;
            Prune();
            foreach (var e in _entries)
            {
                var r = e.Rule;
                if (r.ClientKind is { } k && k != kind) continue;
                if (r.ClientUserId is { } id && id != clientUserId) continue;
                if (r.Method is { } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) continue;
                e.Hits++;
                if (e.Remaining is { } left) e.Remaining = left - 1;
                return r;
            }
            return null;
        }
    }

    /// <summary>Seconds left of a flood-wait rule (its window, or its fixed RetryAfterSeconds), at least 1.</summary>
    public int RetryAfterSeconds(SimFaultRule rule) =>
        rule.RetryAfterSeconds ?? Math.Max(1, (int)Math.Ceiling(((rule.Until ?? time.GetUtcNow()) - time.GetUtcNow()).TotalSeconds));

    private void Prune()
    {
        var now = time.GetUtcNow();
        _entries.RemoveAll(e => e.Remaining is <= 0 || (e.Rule.Until is { } u && u <= now));
    }
}

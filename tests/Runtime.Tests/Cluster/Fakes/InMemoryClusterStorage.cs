using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Cluster.Fakes;

/// <summary>The cluster tables in memory, with the same semantics as the SQL implementations, and a switch
/// that makes the "database" unreachable (calls hang until cancelled) to test self-fencing.</summary>
internal sealed class InMemoryClusterStorage : IClusterStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MembershipEntry> _silos = new();
    private readonly Dictionary<string, DirectoryEntry> _directory = new();
    private readonly Dictionary<(string, string), GrainReminder> _reminders = new();
    private readonly Dictionary<string, AlwaysOnEntry> _alwaysOn = new();
    private readonly Dictionary<(string, string), StoredState> _states = new();

    public InMemoryClusterStorage()
    {
        Membership = new MembershipTable(this);
        Directory = new DirectoryTable(this);
        Reminders = new ReminderTable(this);
        AlwaysOn = new AlwaysOnTable(this);
        States = new StateTable(this);
    }

    /// <summary>Silo ids whose calls hang until cancelled (a severed connection).</summary>
    public HashSet<string> Unreachable { get; } = [];

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public IMembershipTable Membership { get; }
    public IGrainDirectoryTable Directory { get; }
    public IGrainStateTable States { get; }

    /// <summary>Stores a state directly (states are written by the core, which these tests do not run).</summary>
    public void SetState(string grainId, string stateName, string json)
    {
        lock (_gate) _states[(grainId, stateName)] = new StoredState(json, "1");
    }
    public IReminderTable Reminders { get; }
    public IAlwaysOnTable AlwaysOn { get; }

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task GuardAsync(string siloId, CancellationToken cancellationToken)
    {
        bool cut;
        lock (_gate) cut = Unreachable.Contains(siloId);
        if (cut) await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public void SetUnreachable(string siloId, bool unreachable)
    {
        lock (_gate) { if (unreachable) Unreachable.Add(siloId); else Unreachable.Remove(siloId); }
    }

    public void SetLoad(string siloId, string loadJson)
    {
        lock (_gate) _silos[siloId] = _silos[siloId] with { LoadJson = loadJson };
    }

    private bool IsAlive(string? siloId, TimeSpan deathTimeout) =>
        siloId is not null && _silos.TryGetValue(siloId, out var s)
        && s.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown
        && Now - s.LastHeartbeat <= deathTimeout;

    private sealed class MembershipTable(InMemoryClusterStorage db) : IMembershipTable
    {
        public async Task RegisterAsync(string siloId, string address, string hostName, CancellationToken cancellationToken)
        {
            await db.GuardAsync(siloId, cancellationToken);
            lock (db._gate)
            {
                foreach (var old in db._silos.Values.Where(s => s.Address == address && s.Status is not (SiloStatus.Dead or SiloStatus.Left)).ToList())
                    db._silos[old.SiloId] = old with { Status = SiloStatus.Dead };
                db._silos[siloId] = new MembershipEntry(siloId, address, hostName, SiloStatus.Active, db.Now, db.Now, "");
            }
        }

        public async Task<bool> HeartbeatAsync(string siloId, string loadJson, CancellationToken cancellationToken)
        {
            await db.GuardAsync(siloId, cancellationToken);
            lock (db._gate)
            {
                if (!db._silos.TryGetValue(siloId, out var row) || row.Status is SiloStatus.Dead or SiloStatus.Left) return false;
                db._silos[siloId] = row with { LastHeartbeat = db.Now, LoadJson = loadJson };
                return true;
            }
        }

        public async Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
        {
            await db.GuardAsync(siloId, cancellationToken);
            lock (db._gate)
                if (db._silos.TryGetValue(siloId, out var row)) db._silos[siloId] = row with { Status = status };
        }

        public Task<MembershipSnapshot> ReadAllAsync(CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult(new MembershipSnapshot(db.Now, db._silos.Values.ToList()));
        }

        public Task<int> CleanupAsync(TimeSpan deathTimeout, TimeSpan removeAfter, CancellationToken cancellationToken)
        {
            lock (db._gate)
            {
                foreach (var row in db._silos.Values.ToList())
                    if (row.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown && db.Now - row.LastHeartbeat > deathTimeout)
                        db._silos[row.SiloId] = row with { Status = SiloStatus.Dead };
                var removed = db._silos.Values.Where(r => r.Status is SiloStatus.Dead or SiloStatus.Left && db.Now - r.LastHeartbeat > removeAfter).Select(r => r.SiloId).ToList();
                foreach (var id in removed) db._silos.Remove(id);
                return Task.FromResult(removed.Count);
            }
        }
    }

    private sealed class DirectoryTable(InMemoryClusterStorage db) : IGrainDirectoryTable
    {
        public Task<DirectoryEntry?> LookupAsync(string grainId, CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult(db._directory.GetValueOrDefault(grainId));
        }

        public async Task<ClaimResult> TryClaimAsync(string grainId, string grainType, string siloId, string address, TimeSpan deathTimeout, CancellationToken cancellationToken)
        {
            await db.GuardAsync(siloId, cancellationToken);
            lock (db._gate)
            {
                var current = db._directory.GetValueOrDefault(grainId);
                if (current?.SiloId == siloId) return new ClaimResult(true, current);
                if (current?.SiloId is not null && db.IsAlive(current.SiloId, deathTimeout)) return new ClaimResult(false, current);
                var entry = new DirectoryEntry(grainId, grainType, siloId, address, (current?.Epoch ?? 0) + 1);
                db._directory[grainId] = entry;
                return new ClaimResult(true, entry);
            }
        }

        public Task ReleaseAsync(string grainId, FenceToken fence, CancellationToken cancellationToken)
        {
            lock (db._gate)
                if (db._directory.TryGetValue(grainId, out var e) && e.SiloId == fence.SiloId && e.Epoch == fence.Epoch)
                    db._directory[grainId] = e with { SiloId = null, Address = null };
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<DirectoryEntry>> ListOwnedAsync(string? siloId, CancellationToken cancellationToken)
        {
            lock (db._gate)
                return Task.FromResult<IReadOnlyList<DirectoryEntry>>(db._directory.Values.Where(e => e.SiloId is not null && (siloId is null || e.SiloId == siloId)).ToList());
        }
    }

    private sealed class ReminderTable(InMemoryClusterStorage db) : IReminderTable
    {
        public Task UpsertAsync(GrainReminder reminder, CancellationToken cancellationToken)
        {
            lock (db._gate) db._reminders[(reminder.GrainId, reminder.Name)] = reminder;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string grainId, string name, CancellationToken cancellationToken)
        {
            lock (db._gate) db._reminders.Remove((grainId, name));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<GrainReminder>> ReadForGrainAsync(string grainId, CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult<IReadOnlyList<GrainReminder>>(db._reminders.Values.Where(r => r.GrainId == grainId).ToList());
        }

        public Task<IReadOnlyList<GrainReminder>> ReadAllAsync(CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult<IReadOnlyList<GrainReminder>>(db._reminders.Values.ToList());
        }
    }

    private sealed class AlwaysOnTable(InMemoryClusterStorage db) : IAlwaysOnTable
    {
        public Task AddAsync(string grainId, string grainType, CancellationToken cancellationToken)
        {
            lock (db._gate) db._alwaysOn[grainId] = new AlwaysOnEntry(grainId, grainType);
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string grainId, CancellationToken cancellationToken)
        {
            lock (db._gate) db._alwaysOn.Remove(grainId);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AlwaysOnEntry>> ListAsync(CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult<IReadOnlyList<AlwaysOnEntry>>(db._alwaysOn.Values.ToList());
        }
    }

    private sealed class StateTable(InMemoryClusterStorage db) : IGrainStateTable
    {
        public Task<StoredState?> ReadAsync(string grainId, string stateName, CancellationToken cancellationToken)
        {
            lock (db._gate) return Task.FromResult(db._states.GetValueOrDefault((grainId, stateName)));
        }

        public Task<string> WriteAsync(string grainId, string stateName, string json, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task ClearAsync(string grainId, string stateName, string? expectedEtag, FenceToken fence, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> ReadAllForGrainAsync(string grainId, CancellationToken cancellationToken)
        {
            lock (db._gate)
                return Task.FromResult<IReadOnlyDictionary<string, string>>(db._states.Where(s => s.Key.Item1 == grainId).ToDictionary(s => s.Key.Item2, s => s.Value.Json));
        }
    }
}

using Cluster.Grains.Abstractions.Admin;
using Cluster.Telegram.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Admin;

/// <summary>The audit log of admin commands: appends in order, keeps the newest <see cref="AdminOptions.AuditLogCapacity"/>
/// entries, writes each entry to storage before answering and to the log as structured fields.</summary>
[GrainType("audit-log")]
[PreferLocalPlacement]
public sealed partial class AuditLogGrain(
    [PersistentState("audit-log")] IPersistentState<AuditLogState> state,
    IOptions<AdminOptions> options,
    TimeProvider clock,
    ILogger<AuditLogGrain> logger) : Grain, IAuditLogGrain
{
    public async Task<AuditEntry> AppendAsync(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Command);
        var sequence = state.State.LastSequence + 1;
        var stored = entry with
        {
            Sequence = sequence,
            At = entry.At == default ? clock.GetUtcNow() : entry.At,
            Arguments = MaskSecrets(entry.Arguments ?? ""),
            Message = entry.Message is null ? null : MaskSecrets(entry.Message),
        };
        var capacity = options.Value.AuditLogCapacity;
        var entries = state.State.Entries;
        var kept = entries.Count >= capacity ? entries.Skip(entries.Count - capacity + 1) : entries;
        state.State = new AuditLogState { Entries = kept.Append(stored).ToList(), LastSequence = sequence };
        await state.WriteStateAsync();
        AdminLog.Audited(logger, stored.Sequence, stored.AdminUserId, stored.Command, stored.Arguments, stored.At, stored.Ok ? "ok" : "error", stored.Message);
        return stored;
    }

    public Task<IReadOnlyList<AuditEntry>> ListRecentAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var entries = state.State.Entries;
        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries.Skip(Math.Max(0, entries.Count - count)).Reverse().ToList());
    }

    /// <summary>Masks what looks like an api_hash, a bot token or a phone number that a caller let through (<see cref="SecretText"/>);
    /// the caller is expected to have masked them already.</summary>
    public static string MaskSecrets(string text) => SecretText.Mask(text);
}

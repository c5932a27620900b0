using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>A chunk of a broadcast's recipients (see <see cref="IBroadcastChunkGrain"/>). Every change is one state write: a wave's
/// outcomes and the next wave's intent go together.</summary>
[GrainType("broadcast-chunk")]
public sealed class BroadcastChunkGrain([PersistentState("chunk")] IPersistentState<BroadcastChunkState> state) : Grain, IBroadcastChunkGrain
{
    private Dictionary<long, ChunkRecipient> _byUser = [];
    private int _cursor;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Index();
        return Task.CompletedTask;
    }

    public async Task InitializeAsync(IReadOnlyList<long> recipients, IReadOnlyList<long> skipped)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(skipped);
        if (state.RecordExists)
        {
            // A repeated call (the creator retried): only the same list is accepted.
            if (state.State.Recipients.Count != recipients.Count + skipped.Count)
                throw new InvalidOperationException($"Chunk {this.GetPrimaryKeyString()} holds a different list already.");
            return;
        }
        state.State.Recipients = [
            .. recipients.Select(u => new ChunkRecipient { UserId = u, State = RecipientState.Pending }),
            .. skipped.Select(u => new ChunkRecipient { UserId = u, State = RecipientState.Skipped }),
        ];
        await state.WriteStateAsync();
        Index();
    }

    public async Task<IReadOnlyList<long>> AdvanceAsync(IReadOnlyList<RecipientRecord> outcomes, int take, long floor)
    {
        var changed = ApplyAll(outcomes);
        var next = new List<long>(Math.Max(0, take));
        while (next.Count < take && _cursor < state.State.Recipients.Count)
        {
            var r = state.State.Recipients[_cursor];
            if (r.State == RecipientState.Pending)
            {
                r.State = RecipientState.Sending;
                r.Floor = floor;
                next.Add(r.UserId);
                changed = true;
            }
            _cursor++;
        }
        if (changed) await state.WriteStateAsync();
        return next;
    }

    public Task<ChunkInDoubt> GetInDoubtAsync() => Task.FromResult(new ChunkInDoubt(
        state.State.Recipients.Where(r => r.State == RecipientState.Sending).Select(r => new InDoubtSend(r.UserId, r.Floor)).ToList(),
        state.State.Recipients.Where(r => r.State == RecipientState.Sent).Select(r => (long)(r.MessageId ?? 0)).DefaultIfEmpty(0).Max()));

    public async Task SettleInDoubtAsync(IReadOnlyList<RecipientRecord> outcomes)
    {
        if (ApplyAll(outcomes)) await state.WriteStateAsync();
    }

    /// <summary>Applies the outcomes of recipients in Sending (others are left as they are); true when anything changed.</summary>
    private bool ApplyAll(IReadOnlyList<RecipientRecord> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var changed = false;
        foreach (var o in outcomes)
        {
            if (!_byUser.TryGetValue(o.UserId, out var r) || r.State != RecipientState.Sending) continue;
            Apply(r, o);
            changed = true;
        }
        return changed;
    }

    private void Apply(ChunkRecipient r, RecipientRecord o)
    {
        r.State = o.State;
        r.MessageId = o.MessageId;
        r.Error = o.Error;
        if (o.State != RecipientState.Sending) r.Floor = null;
        if (o.State == RecipientState.Pending && IndexOf(r) is var i && i < _cursor) _cursor = i;
    }

    public async Task<int> ResolveInDoubtAsync(bool resend)
    {
        var inDoubt = 0;
        foreach (var r in state.State.Recipients.Where(r => r.State == RecipientState.Sending))
        {
            r.State = resend ? RecipientState.Pending : RecipientState.Unconfirmed;
            r.Error = "in flight when the silo running the broadcast stopped, or without an answer, and could not be looked for";
            r.Floor = null;
            inDoubt++;
        }
        if (inDoubt > 0)
        {
            await state.WriteStateAsync();
            _cursor = 0;
        }
        return inDoubt;
    }

    public Task<IReadOnlyDictionary<RecipientState, int>> GetCountsAsync() => Task.FromResult<IReadOnlyDictionary<RecipientState, int>>(
        state.State.Recipients.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count()));

    public Task<IReadOnlyList<RecipientRecord>> GetRecordsAsync() => Task.FromResult<IReadOnlyList<RecipientRecord>>(
        state.State.Recipients.Select(r => new RecipientRecord(r.UserId, r.State, r.MessageId, r.Error)).ToList());

    private void Index()
    {
        _byUser = state.State.Recipients.ToDictionary(r => r.UserId);
        _cursor = 0;
    }

    private int IndexOf(ChunkRecipient r) => state.State.Recipients.IndexOf(r);
}

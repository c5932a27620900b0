using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>About a thousand recipients of one campaign, each with its state, stored as one record of their own (so a campaign
/// of any size is never one blob and never loaded into one activation). Only its campaign calls it, and every change is
/// written before the call returns: a recipient recorded as Sending is on disk before the account is asked to send.</summary>
[GrainType("campaign-chunk")]
[PreferLocalPlacement]
public sealed class CampaignChunkGrain(
    [PersistentState("campaign-chunk")] IPersistentState<CampaignChunkState> state) : Grain, ICampaignChunkGrain
{
    private ChunkRecipientRecord[] _recipients = [];

    private CampaignChunkState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recipients = S.Recipients.ToArray();
        return Task.CompletedTask;
    }

    public async Task InitializeAsync(IReadOnlyList<CampaignRecipient> recipients, int firstPosition)
    {
        _recipients = recipients.Select(r => new ChunkRecipientRecord { Reference = r.Reference, Variables = r.Variables }).ToArray();
        state.State = new CampaignChunkState { FirstPosition = firstPosition, Recipients = _recipients };
        await state.WriteStateAsync();
        // Created, not yet needed: a large campaign's chunks do not stay in memory until the campaign reaches them.
        this.DeactivateOnIdle();
    }

    public Task<ChunkClaim> ClaimAsync(int max, DateTimeOffset now)
    {
        var inDoubt = new List<ChunkItem>();
        var ready = new List<ChunkItem>();
        DateTimeOffset? nextRetry = null;
        for (var i = 0; i < _recipients.Length; i++)
        {
            var r = _recipients[i];
            switch (r.State)
            {
                case RecipientState.Sending:
                    inDoubt.Add(Item(i, r));
                    break;
                case RecipientState.Pending when r.NextAttemptAt is { } at && at > now:
                    if (nextRetry is null || at < nextRetry) nextRetry = at;
                    break;
                case RecipientState.Pending when ready.Count < max:
                    ready.Add(Item(i, r));
                    break;
            }
        }
        return Task.FromResult(new ChunkClaim(inDoubt, ready, Report(), nextRetry));
    }

    public async Task MarkSendingAsync(IReadOnlyList<SendIntent> intents)
    {
        foreach (var intent in intents)
        {
            var i = Index(intent.Position);
            _recipients[i] = _recipients[i] with { State = RecipientState.Sending, AccountId = intent.AccountId, IntentAt = intent.At, NextAttemptAt = null };
        }
        await WriteAsync();
    }

    public async Task<ChunkReport> RecordAsync(IReadOnlyList<RecipientOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            var i = Index(o.Position);
            var r = _recipients[i];
            _recipients[i] = o.Kind switch
            {
                RecipientOutcomeKind.Sent => r with { State = RecipientState.Sent, AccountId = o.AccountId ?? r.AccountId, MessageId = o.MessageId, Error = null },
                RecipientOutcomeKind.Skipped => r with { State = RecipientState.Skipped, Reason = o.Reason, Error = o.Error, Attempts = r.Attempts + 1 },
                RecipientOutcomeKind.Retry => r with { State = RecipientState.Pending, Error = o.Error, Attempts = r.Attempts + 1, NextAttemptAt = o.RetryAt },
                RecipientOutcomeKind.Failed => r with { State = RecipientState.Failed, Error = o.Error, Attempts = r.Attempts + 1 },
                _ => r with { State = RecipientState.Pending, AccountId = null, IntentAt = null, NextAttemptAt = o.RetryAt },
            };
        }
        await WriteAsync();
        return Report();
    }

    public Task<ChunkReport> GetReportAsync() => Task.FromResult(Report());

    private ChunkReport Report()
    {
        var byAccount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in _recipients)
            if (r is { State: RecipientState.Sent, AccountId: { } account }) byAccount[account] = byAccount.GetValueOrDefault(account) + 1;
        return new ChunkReport(Counts(), byAccount);
    }

    public Task<IReadOnlyList<CampaignRecipientView>> ListAsync(RecipientState? filter)
    {
        IReadOnlyList<CampaignRecipientView> list = _recipients
            .Select((r, i) => (r, i))
            .Where(x => filter is null || x.r.State == filter)
            .Select(x => new CampaignRecipientView(S.FirstPosition + x.i, x.r.Reference, x.r.State, x.r.AccountId, x.r.MessageId, x.r.Attempts, x.r.Error, x.r.Reason))
            .ToList();
        return Task.FromResult(list);
    }

    private ChunkItem Item(int i, ChunkRecipientRecord r) => new(S.FirstPosition + i, r.Reference, r.Variables, r.Attempts, r.AccountId, r.IntentAt);

    private int Index(int position)
    {
        var i = position - S.FirstPosition;
        return i >= 0 && i < _recipients.Length ? i : throw new ArgumentOutOfRangeException(nameof(position), $"Recipient {position} is not in chunk {this.GetPrimaryKeyString()}.");
    }

    private CampaignCounts Counts()
    {
        int pending = 0, sending = 0, sent = 0, failed = 0, skipped = 0;
        foreach (var r in _recipients)
        {
            switch (r.State)
            {
                case RecipientState.Pending: pending++; break;
                case RecipientState.Sending: sending++; break;
                case RecipientState.Sent: sent++; break;
                case RecipientState.Failed: failed++; break;
                case RecipientState.Skipped: skipped++; break;
            }
        }
        return new CampaignCounts(_recipients.Length, pending, sending, sent, failed, skipped);
    }

    private async Task WriteAsync()
    {
        state.State = S with { Recipients = _recipients };
        await state.WriteStateAsync();
    }
}

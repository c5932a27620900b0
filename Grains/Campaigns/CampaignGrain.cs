using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Abstractions.Keeping;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Accounts;
using Cluster.Grains.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Campaigns;

/// <summary>One campaign: private messages to an audience from a pool of user accounts. It sends in rounds on a grain timer:
/// each round takes ready recipients from the first chunk with work, gives each to an account that may send now (premium
/// first, within the campaign's per-account and campaign-wide limits, after the account's random delay), records them as
/// Sending in the chunk, sends through the account grains (one account's sends in order, the accounts side by side), and
/// records the outcomes. Telegram's answers steer the pool: a flood wait or a used-up limit rests the account until then
/// and its recipients go to the others; PEER_FLOOD takes it out of this campaign; a banned or revoked account leaves the
/// pool. With nobody to send from the campaign waits (its timer set to the earliest moment something changes), never spins.
/// <para>Exactly once: a recipient found Sending by a round (its send's outcome never recorded: the silo died, the call
/// failed without an answer) is first looked up in its dialog through the account that was sending; found means sent,
/// not found means send again. Running campaigns are in the always-on registry, so a dead silo's campaign is activated
/// again on another within seconds and carries on.</para></summary>
[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState("campaign")] IPersistentState<CampaignGrainState> state,
    IAlwaysOnRegistry alwaysOn,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IAlwaysOnGrain
{
    private readonly CampaignOptions _options = options.Value;
    private IGrainTimer? _timer;
    private readonly Queue<(DateTimeOffset At, int Count)> _recentSends = new();
    private DateTimeOffset _lastPublished;
    private DateTimeOffset _lastWrite;
    private bool _dirty;
    private MessageTemplate[] _templates = [];

    private string CampaignId => this.GetPrimaryKeyString();
    private CampaignGrainState S => state.State;
    private CampaignDefinition Definition => S.Definition ?? throw new KeyNotFoundException($"There is no campaign '{CampaignId}'.");
    private bool IsActive => S.State is CampaignState.Running or CampaignState.Waiting;

    public Task KeepAliveAsync() => Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Definition is { } d) _templates = d.Message.Variants.Select(v => new MessageTemplate(v)).ToArray();
        // Re-activated (a silo died, the campaign moved): carry on at once; the first round resolves sends in doubt.
        if (IsActive) Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        if (!_dirty) return;
        try { await state.WriteStateAsync(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A stale activation's write is refused by its ETag; the new one reads progress again from the chunks.
            CampaignGrainLog.RoundFailed(logger, CampaignId, 0, e);
        }
    }

    // ---- operations ----

    public async Task<CampaignCreated> CreateAsync(CampaignDefinition definition, IReadOnlyList<CampaignRecipient> audience)
    {
        if (S.Definition is not null) throw new InvalidOperationException($"A campaign with the id '{CampaignId}' exists already.");
        var now = clock.GetUtcNow();
        var validated = CampaignValidator.Validate(definition, audience, now, _options.MaxRecipients);
        var pool = await ResolvePoolAsync(definition.Pool);
        if (definition.Message.Media is { } post)
            definition = definition with { Message = definition.Message with { MediaKind = await CheckPostAsync(post, pool) } };

        // Chunks first, the campaign last: a crash in between leaves chunks nobody refers to (overwritten when the same id is
        // created again), never a campaign with part of its audience.
        var chunks = validated.Recipients.Chunk(_options.ChunkSize).ToList();
        var progress = new List<CampaignChunkProgress>(chunks.Count);
        var writes = new List<Task>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            writes.Add(GrainFactory.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf(CampaignId, i)).InitializeAsync(chunks[i], i * _options.ChunkSize));
            progress.Add(new CampaignChunkProgress(i, new CampaignCounts(chunks[i].Length, chunks[i].Length, 0, 0, 0, 0)));
            if (writes.Count >= 16)
            {
                await Task.WhenAll(writes);
                writes.Clear();
            }
        }
        await Task.WhenAll(writes);
        state.State = new CampaignGrainState
        {
            Definition = definition with { StartNow = false },
            State = CampaignState.Draft,
            CreatedAt = now,
            Chunks = progress,
            Accounts = pool,
        };
        _templates = definition.Message.Variants.Select(v => new MessageTemplate(v)).ToArray();
        CampaignGrainLog.Created(logger, CampaignId, validated.Recipients.Count, chunks.Count, pool.Count);
        if (definition.StartNow) return new CampaignCreated(await StartAsync(), validated.DuplicatesDropped);
        await SaveAsync(publish: true);
        return new CampaignCreated(Status(), validated.DuplicatesDropped);
    }

    public async Task<CampaignStatus> StartAsync()
    {
        _ = Definition;
        switch (S.State)
        {
            case CampaignState.Running or CampaignState.Waiting:
                return Status();
            case CampaignState.Draft:
                await AddNewlyTaggedAsync();
                state.State = S with { StartedAt = clock.GetUtcNow() };
                await MoveAsync(CampaignState.Running, null);
                return Status();
            default:
                throw new InvalidOperationException($"Campaign '{CampaignId}' is {S.State}; {(S.State == CampaignState.Paused ? "resume it instead" : "it cannot be started again")}.");
        }
    }

    public async Task<CampaignStatus> PauseAsync()
    {
        _ = Definition;
        if (S.State == CampaignState.Paused) return Status();
        if (!IsActive) throw new InvalidOperationException($"Campaign '{CampaignId}' is {S.State}; only a running or waiting campaign can be paused.");
        await MoveAsync(CampaignState.Paused, "paused by an operator");
        return Status();
    }

    public async Task<CampaignStatus> ResumeAsync()
    {
        _ = Definition;
        if (IsActive) return Status();
        if (S.State != CampaignState.Paused) throw new InvalidOperationException($"Campaign '{CampaignId}' is {S.State}; only a paused campaign can be resumed.");
        // Accounts that flooded or rested may send again after an operator looked at them; removed ones stay out.
        await AddNewlyTaggedAsync();
        var now = clock.GetUtcNow();
        state.State = S with
        {
            Accounts = S.Accounts.Select(a => a.State == CampaignAccountState.Removed ? a : a with { State = CampaignAccountState.Ready, Until = null, Reason = null, NextSendAt = now }).ToList(),
        };
        await MoveAsync(CampaignState.Running, null);
        return Status();
    }

    public async Task<CampaignStatus> CancelAsync()
    {
        _ = Definition;
        if (S.State == CampaignState.Cancelled) return Status();
        if (S.State == CampaignState.Completed) throw new InvalidOperationException($"Campaign '{CampaignId}' is completed already.");
        state.State = S with { FinishedAt = clock.GetUtcNow() };
        await MoveAsync(CampaignState.Cancelled, "cancelled by an operator");
        return Status();
    }

    public Task<CampaignStatus> GetStatusAsync()
    {
        _ = Definition;
        return Task.FromResult(Status());
    }

    // ---- the rounds ----

    private void Schedule(TimeSpan due)
    {
        if (due < TimeSpan.Zero) due = TimeSpan.Zero;
        if (due > _options.MaxSleep) due = _options.MaxSleep;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(RoundAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
            return;
        }
        try { _timer.Change(due, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { } // deactivating
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (!IsActive) return;
        TimeSpan next;
        try
        {
            next = await RoundCoreAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A chunk or storage call failed (a silo died, a write conflicted): nothing was lost, the sends it covered are in
            // doubt or still pending. Try again shortly.
            CampaignGrainLog.RoundFailed(logger, CampaignId, _options.ErrorBackoff.TotalSeconds, e);
            next = _options.ErrorBackoff;
        }
        if (IsActive) Schedule(next);
    }

    /// <summary>One round; returns when the next is due.</summary>
    private async Task<TimeSpan> RoundCoreAsync()
    {
        var now = clock.GetUtcNow();
        var definition = Definition;
        if (!CampaignScheduleWindow.Allows(definition.Schedule, now, out var opensAt))
            return await WaitAsync(opensAt, definition.Schedule.StartAt > now ? $"starts at {opensAt:u}" : $"outside the allowed hours; sends again at {opensAt:u}", now);

        var chunk = S.Chunks.FirstOrDefault(c => c.Counts.Open > 0 && (c.HeldUntil is null || c.HeldUntil <= now));
        if (chunk is null)
        {
            var held = S.Chunks.Where(c => c.Counts.Open > 0).Select(c => c.HeldUntil!.Value).DefaultIfEmpty().Min();
            if (held == default)
            {
                state.State = S with { FinishedAt = now };
                await MoveAsync(CampaignState.Completed, null);
                return Timeout.InfiniteTimeSpan;
            }
            return await WaitAsync(held, $"only retries are left; the next at {held:u}", now);
        }

        var grain = GrainFactory.GetGrain<ICampaignChunkGrain>(ICampaignChunkGrain.KeyOf(CampaignId, chunk.Index));
        var claim = await grain.ClaimAsync(_options.MaxBatch, now);
        if (claim.InDoubt.Count > 0) return await ResolveInDoubtAsync(chunk.Index, grain, claim.InDoubt, now);
        if (claim.Ready.Count == 0)
        {
            // Nothing ready here: finished, or only retries not yet due.
            UpdateChunk(chunk.Index, claim.Report, claim.NextRetryAt);
            await SaveAsync(publish: claim.Report.Counts.Open == 0);
            return TimeSpan.Zero;
        }

        var assignments = Assign(claim.Ready, now, out var wake, out var waitReason);
        if (assignments.Count == 0)
        {
            if (S.Accounts.All(a => a.State is CampaignAccountState.PeerFlooded or CampaignAccountState.Removed))
            {
                await MoveAsync(CampaignState.Paused, "no account left to send from: " + string.Join("; ", S.Accounts.Select(a => $"{a.AccountId} {a.Reason}")));
                return Timeout.InfiniteTimeSpan;
            }
            return waitReason is null ? await RunningAsync(wake, now) : await WaitAsync(wake, waitReason, now);
        }

        await grain.MarkSendingAsync(assignments.Select(a => new SendIntent(a.Item.Position, a.AccountId, now)).ToList());
        // The sends count against the campaign's limits before they are made (stored), so a crash can never let the
        // campaign go past them; sends that do not happen are given back afterwards.
        Reserve(assignments);
        await state.WriteStateAsync();
        (_lastWrite, _dirty) = (clock.GetUtcNow(), false);
        var outcomes = await SendAsync(assignments);
        var report = await grain.RecordAsync(outcomes.Values.ToList());
        UpdateChunk(chunk.Index, report, null);
        var usable = S.Accounts.Where(a => a.State is not (CampaignAccountState.PeerFlooded or CampaignAccountState.Removed)).ToList();
        if (usable.Count > 0 && usable.All(a => a.State == CampaignAccountState.Resting && a.Reason?.StartsWith(PostUnavailableReason, StringComparison.Ordinal) == true))
        {
            await MoveAsync(CampaignState.Paused, $"no account can copy the post {Definition.Message.Media}: {usable[0].Reason}. Restore the post (or the accounts' access to its chat) and resume, or cancel");
            return Timeout.InfiniteTimeSpan;
        }
        // Progress is written at most once a second: what a crash loses of it is read again from the chunks (counts, sends
        // per account) or found again from Telegram (resting accounts); the limits were stored with the reservation.
        await SaveSoonAsync();
        if (S.State == CampaignState.Waiting) await MoveAsync(CampaignState.Running, null);
        return TimeSpan.Zero;
    }

    private sealed record Assignment(ChunkItem Item, string AccountId);

    /// <summary>The start of the reason of an account resting because it cannot read the post to copy.</summary>
    private const string PostUnavailableReason = "cannot read the post";

    /// <summary>Gives ready recipients to the accounts that may send now, premium accounts first. With none, says when one
    /// may (<paramref name="wake"/>) and, when that is a rest rather than the delay, why (<paramref name="waitReason"/>).</summary>
    private List<Assignment> Assign(IReadOnlyList<ChunkItem> ready, DateTimeOffset now, out DateTimeOffset wake, out string? waitReason)
    {
        var definition = Definition;
        var limits = definition.Limits;
        var campaignCounter = new SendLimitCounter(clock, S.Counter);
        var perRound = limits.MaxDelay == TimeSpan.Zero ? _options.MaxSendsPerAccountPerRound : 1;
        var result = new List<Assignment>();
        var accounts = S.Accounts.ToList();
        wake = DateTimeOffset.MaxValue;
        waitReason = null;
        var resting = new List<string>();
        var next = 0;
        var campaignAllows = campaignCounter.Check(1, limits.CampaignHourly ?? int.MaxValue, limits.CampaignDaily ?? int.MaxValue);
        if (!campaignAllows.Allowed)
        {
            wake = campaignAllows.RetryAt!.Value;
            waitReason = $"the campaign's {campaignAllows.Limit} limit is reached; sends again at {wake:u}";
            return result;
        }
        var campaignLeft = Left(campaignCounter, limits.CampaignHourly, limits.CampaignDaily);
        for (var i = 0; i < accounts.Count && next < ready.Count && campaignLeft > 0; i++)
        {
            var a = accounts[i];
            if (a.State is CampaignAccountState.PeerFlooded or CampaignAccountState.Removed) continue;
            if (a.State == CampaignAccountState.Resting)
            {
                if (a.Until is { } until && until > now)
                {
                    resting.Add($"{a.AccountId} {a.Reason}");
                    if (until < wake) wake = until;
                    continue;
                }
                accounts[i] = a = a with { State = CampaignAccountState.Ready, Until = null, Reason = null };
            }
            var counter = new SendLimitCounter(clock, a.Counter);
            var allowed = counter.Check(1, limits.PerAccountHourly ?? int.MaxValue, limits.PerAccountDaily ?? int.MaxValue);
            if (!allowed.Allowed)
            {
                resting.Add($"{a.AccountId} at its {allowed.Limit} campaign limit");
                if (allowed.RetryAt!.Value < wake) wake = allowed.RetryAt.Value;
                continue;
            }
            if (a.NextSendAt > now)
            {
                if (a.NextSendAt < wake) wake = a.NextSendAt;
                continue;
            }
            var take = Math.Min(Math.Min(perRound, Left(counter, limits.PerAccountHourly, limits.PerAccountDaily)), Math.Min(ready.Count - next, campaignLeft));
            for (var k = 0; k < take; k++) result.Add(new Assignment(ready[next++], a.AccountId));
            campaignLeft -= take;
        }
        state.State = S with { Accounts = accounts };
        if (result.Count == 0 && resting.Count > 0 && accounts.Where(a => a.State is CampaignAccountState.Ready).All(a => a.NextSendAt <= now || resting.Any(r => r.StartsWith(a.AccountId + " ", StringComparison.Ordinal))))
            waitReason = "every account is resting: " + string.Join("; ", resting);
        if (wake == DateTimeOffset.MaxValue) wake = now + _options.MaxSleep;
        return result;
    }

    private static int Left(SendLimitCounter counter, int? hourly, int? daily)
    {
        var usage = counter.Usage(hourly ?? int.MaxValue, daily ?? int.MaxValue);
        var left = Math.Min((long)(hourly ?? int.MaxValue) - usage.SentThisHour, (long)(daily ?? int.MaxValue) - usage.SentToday);
        return (int)Math.Clamp(left, 0, int.MaxValue);
    }

    /// <summary>Sends the assignments: each account's in order (stopping at its first refusal: the rest go back to pending), the
    /// accounts side by side. A call that ends without an answer leaves its recipient Sending (in doubt) and stops that account.</summary>
    private async Task<Dictionary<int, RecipientOutcome>> SendAsync(List<Assignment> assignments)
    {
        var outcomes = new Dictionary<int, RecipientOutcome>();
        var definition = Definition;
        var byAccount = assignments.GroupBy(a => a.AccountId).ToList();
        var results = await Task.WhenAll(byAccount.Select(async group =>
        {
            var account = GrainFactory.GetGrain<IAccountGrain>(group.Key);
            // Result null: not attempted (the account stopped before it); NoAnswer: attempted, outcome unknown (in doubt).
            var list = new List<(Assignment Assignment, DirectMessageResult? Result, bool NoAnswer)>();
            var stopped = false;
            foreach (var assignment in group)
            {
                if (stopped)
                {
                    list.Add((assignment, null, false));
                    continue;
                }
                try
                {
                    var result = await account.SendDirectAsync(new DirectMessageRequest(assignment.Item.Reference, TextFor(assignment.Item), definition.Message.Media));
                    list.Add((assignment, result, false));
                    if (result.Status is AccountCallStatus.CoolingDown or AccountCallStatus.LimitReached or AccountCallStatus.PeerFlood or AccountCallStatus.NotActive
                        || result.Problem == RecipientProblem.PostUnavailable) stopped = true;
                }
                catch (ArgumentException e)
                {
                    // The request itself is refused (a text that rendered empty for this recipient): a failed attempt.
                    list.Add((assignment, DirectMessageResult.Refused(AccountCallStatus.Failed, e.Message), false));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // No answer (the account's silo died, a timeout): Telegram may have the message. Left in doubt.
                    list.Add((assignment, null, true));
                    stopped = true;
                }
            }
            return (AccountId: group.Key, List: list);
        }));

        var now = clock.GetUtcNow();
        var accounts = S.Accounts.ToDictionary(a => a.AccountId);
        var campaignNotMade = 0;
        var sent = 0;
        foreach (var (accountId, list) in results)
        {
            var a = accounts[accountId];
            var notMade = 0;
            foreach (var (assignment, result, noAnswer) in list)
            {
                var position = assignment.Item.Position;
                if (noAnswer) continue; // stays Sending: resolved by the next round
                if (result is not { Status: AccountCallStatus.Ok }) notMade++;
                if (result is null)
                {
                    outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Released);
                    continue;
                }
                switch (result.Status)
                {
                    case AccountCallStatus.Ok:
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Sent, accountId, result.Message?.MessageId);
                        sent++;
                        break;
                    case AccountCallStatus.CoolingDown or AccountCallStatus.LimitReached:
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Released);
                        var until = result.RetryAt ?? now + _options.NotActiveRest;
                        var flood = result.Status == AccountCallStatus.CoolingDown;
                        a = a with { State = CampaignAccountState.Resting, Until = until, Reason = flood ? $"cooling down until {until:u}" : result.Error, FloodWaits = a.FloodWaits + (flood ? 1 : 0) };
                        if (flood) GrainMetrics.CampaignAccountEvents.Add(1, GrainMetrics.Campaign(CampaignId), new("event", "flood_wait"));
                        CampaignGrainLog.AccountChanged(logger, CampaignId, accountId, a.Reason ?? "rests");
                        break;
                    case AccountCallStatus.PeerFlood:
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Released);
                        a = a with { State = CampaignAccountState.PeerFlooded, Until = null, Reason = "PEER_FLOOD: Telegram stopped its messages to strangers; not used by this campaign any more" };
                        GrainMetrics.CampaignAccountEvents.Add(1, GrainMetrics.Campaign(CampaignId), new("event", "peer_flood"));
                        CampaignGrainLog.AccountChanged(logger, CampaignId, accountId, "hit PEER_FLOOD and stops writing to strangers");
                        break;
                    case AccountCallStatus.NotActive:
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Released);
                        a = await NotActiveAsync(a, result.Error, now);
                        break;
                    case AccountCallStatus.Forbidden when result.Problem == RecipientProblem.PostUnavailable:
                        // The account cannot read the post (deleted, or a chat it left): no fault of the recipient's. The account
                        // rests and is asked again; when no account can read it, the campaign pauses (below) for an operator.
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Released);
                        var back = now + _options.NotActiveRest;
                        a = a with { State = CampaignAccountState.Resting, Until = back, Reason = $"{PostUnavailableReason}: {result.Error}; asked again at {back:u}" };
                        CampaignGrainLog.AccountChanged(logger, CampaignId, accountId, a.Reason);
                        break;
                    case AccountCallStatus.NotFound or AccountCallStatus.Forbidden when result.Problem != RecipientProblem.None:
                        var reason = result.Problem switch
                        {
                            RecipientProblem.Privacy => SkipReason.Privacy,
                            RecipientProblem.Blocked => SkipReason.Blocked,
                            _ => SkipReason.NotFound,
                        };
                        outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Skipped, accountId, Error: result.Error, Reason: reason);
                        GrainMetrics.CampaignSkipped.Add(1, GrainMetrics.Campaign(CampaignId));
                        break;
                    default:
                        a = a with { Failed = a.Failed + 1 };
                        var attempts = assignment.Item.Attempts + 1;
                        if (attempts >= definition.Retry.MaxAttempts)
                        {
                            outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Failed, accountId, Error: result.Error);
                            GrainMetrics.CampaignFailed.Add(1, GrainMetrics.Campaign(CampaignId));
                        }
                        else outcomes[position] = new RecipientOutcome(position, RecipientOutcomeKind.Retry, accountId, Error: result.Error, RetryAt: now + definition.Retry.Delay);
                        break;
                }
            }
            accounts[accountId] = a with { Counter = GiveBack(a.Counter, notMade), NextSendAt = now + RandomDelay(definition.Limits) };
            campaignNotMade += notMade;
        }
        state.State = S with { Accounts = S.Accounts.Select(x => accounts[x.AccountId]).ToList(), Counter = GiveBack(S.Counter, campaignNotMade) };
        NoteSent(sent, now);
        return outcomes;
    }

    /// <summary>An account answered that it is not active: banned or revoked leaves the pool; otherwise (offline, reconnecting,
    /// queued for a session slot) it rests a while.</summary>
    private async Task<CampaignPoolAccount> NotActiveAsync(CampaignPoolAccount a, string? error, DateTimeOffset now)
    {
        AccountStatus? status = null;
        try { status = await GrainFactory.GetGrain<IAccountGrain>(a.AccountId).GetStatusAsync(); }
        catch (Exception e) when (e is not OutOfMemoryException) { }
        var gone = status is { State: AccountState.Banned } or { Configured: false }
                   || (status?.ErrorReason ?? error ?? "").Contains("revoked", StringComparison.OrdinalIgnoreCase);
        if (gone)
        {
            var why = status is { Configured: false } ? "deleted" : status?.ErrorReason ?? error ?? "banned";
            GrainMetrics.CampaignAccountEvents.Add(1, GrainMetrics.Campaign(CampaignId), new("event", "removed"));
            CampaignGrainLog.AccountChanged(logger, CampaignId, a.AccountId, "left the pool: " + why);
            return a with { State = CampaignAccountState.Removed, Until = null, Reason = "left the pool: " + why };
        }
        var until = now + _options.NotActiveRest;
        return a with { State = CampaignAccountState.Resting, Until = until, Reason = $"not connected ({status?.State.ToString() ?? error}); asked again at {until:u}" };
    }

    /// <summary>Sends in doubt of one chunk, looked up in their dialogs through the account that was sending. Found: sent.
    /// Not found: pending again. The account cannot answer now (cooling down, reconnecting): the chunk is passed over for a
    /// while. The account left the pool for good: sent again from another account (counted, as it may be a repeat).</summary>
    private async Task<TimeSpan> ResolveInDoubtAsync(int chunkIndex, ICampaignChunkGrain grain, IReadOnlyList<ChunkItem> inDoubt, DateTimeOffset now)
    {
        var accounts = S.Accounts.ToDictionary(a => a.AccountId);
        var lookups = await Task.WhenAll(inDoubt.Select(async item =>
        {
            if (item.AccountId is not { } accountId || !accounts.TryGetValue(accountId, out var a) || a.State == CampaignAccountState.Removed)
                return (item, (DirectMessageResult?)null);
            try
            {
                return (item, await GrainFactory.GetGrain<IAccountGrain>(accountId).FindDirectAsync(LookupFor(item)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return (item, new DirectMessageResult(AccountCallStatus.Failed, null, RecipientProblem.None, null, e.Message));
            }
        }));
        var outcomes = new List<RecipientOutcome>();
        var found = 0;
        var resent = 0;
        var notFound = 0;
        var unresolved = false;
        foreach (var (item, result) in lookups)
        {
            if (result is null)
            {
                outcomes.Add(new RecipientOutcome(item.Position, RecipientOutcomeKind.Released));
                resent++;
            }
            else if (result.IsOk && result.Message is { } message)
            {
                // Counted against the limits when it was reserved, before the send.
                outcomes.Add(new RecipientOutcome(item.Position, RecipientOutcomeKind.Sent, item.AccountId, message.MessageId));
                found++;
            }
            else if (result.IsOk)
            {
                outcomes.Add(new RecipientOutcome(item.Position, RecipientOutcomeKind.Released));
                notFound++;
            }
            else if (result.Problem != RecipientProblem.None)
                outcomes.Add(new RecipientOutcome(item.Position, RecipientOutcomeKind.Skipped, item.AccountId, Error: result.Error,
                    Reason: result.Problem switch { RecipientProblem.Privacy => SkipReason.Privacy, RecipientProblem.Blocked => SkipReason.Blocked, _ => SkipReason.NotFound }));
            else
            {
                if (result.Status == AccountCallStatus.NotActive) accounts[item.AccountId!] = await NotActiveAsync(accounts[item.AccountId!], result.Error, now);
                unresolved = true; // stays Sending: asked again later
            }
        }
        var report = outcomes.Count > 0 ? await grain.RecordAsync(outcomes) : await grain.GetReportAsync();
        state.State = S with
        {
            Accounts = S.Accounts.Select(a => accounts[a.AccountId]).ToList(),
            ResentAfterDoubt = S.ResentAfterDoubt + resent,
            InDoubtFound = S.InDoubtFound + found,
            InDoubtNotFound = S.InDoubtNotFound + notFound,
        };
        NoteSent(found, now);
        UpdateChunk(chunkIndex, report, unresolved ? now + _options.InDoubtRecheck : null);
        CampaignGrainLog.InDoubtResolved(logger, CampaignId, inDoubt.Count, found, outcomes.Count - found);
        await SaveAsync(publish: false);
        return TimeSpan.Zero;
    }

    /// <summary>The recipient's text (or caption); empty for a copy of a post that keeps its own caption.</summary>
    private MessageText TextFor(ChunkItem item) => _templates.Length == 0 ? MessageText.Empty : _templates[item.Position % _templates.Length].Render(item.Variables);

    /// <summary>What a send in doubt left in the recipient's dialog: this text, or a copy of the post with this caption (with
    /// any caption when the copy kept the post's own).</summary>
    private DirectMessageLookup LookupFor(ChunkItem item)
    {
        var message = Definition.Message;
        var text = TextFor(item);
        var copy = message.Media is not null;
        return new DirectMessageLookup(item.Reference, text, item.IntentAt ?? DateTimeOffset.MinValue,
            copy ? message.MediaKind : MessageMediaKind.None, AnyText: copy && text.IsEmpty);
    }

    /// <summary>Reads the post to copy through the first account of the pool that can answer: its chat and every message must
    /// be there. Returns the first message's media. Refuses (<see cref="ArgumentException"/>) a post that is not there or that
    /// account cannot see, and (<see cref="InvalidOperationException"/>) when no account of the pool can answer now.</summary>
    private async Task<MessageMediaKind> CheckPostAsync(PostReference post, IReadOnlyList<CampaignPoolAccount> pool)
    {
        var unanswered = new List<string>();
        foreach (var a in pool)
        {
            var account = GrainFactory.GetGrain<IAccountGrain>(a.AccountId);
            var chat = await account.ResolveChatAsync(post.Chat, join: false);
            if (chat.Status is AccountCallStatus.NotActive or AccountCallStatus.CoolingDown or AccountCallStatus.Failed)
            {
                unanswered.Add($"{a.AccountId}: {chat.Error}");
                continue;
            }
            if (!chat.IsOk) throw new ArgumentException($"The post's chat '{post.Chat}' cannot be read by account {a.AccountId}: {chat.Error}.");
            var first = post.MessageIds.Min();
            var history = await account.GetHistoryAsync(new HistoryRequest(chat.Chat!.ChatId, first - 1, (int)(post.MessageIds.Max() - first + 1)));
            if (!history.IsOk)
            {
                unanswered.Add($"{a.AccountId}: {history.Error}");
                continue;
            }
            var missing = post.MessageIds.Where(id => history.Messages.All(m => m.Id != id)).ToList();
            if (missing.Count > 0)
                throw new ArgumentException($"The post {post} is not there: {(missing.Count == 1 ? "message" : "messages")} {string.Join(", ", missing)} of '{post.Chat}' {(missing.Count == 1 ? "does" : "do")} not exist (deleted, or never sent).");
            return history.Messages.First(m => m.Id == first).Media;
        }
        throw new InvalidOperationException($"The post {post} could not be checked: no account of the pool can read it now ({string.Join("; ", unanswered)}). Try again when one is connected.");
    }

    private static TimeSpan RandomDelay(CampaignLimits limits)
    {
        if (limits.MaxDelay <= limits.MinDelay) return limits.MinDelay;
        var span = (limits.MaxDelay - limits.MinDelay).Ticks;
        return limits.MinDelay + TimeSpan.FromTicks(Random.Shared.NextInt64(span + 1));
    }

    private void UpdateChunk(int index, ChunkReport report, DateTimeOffset? heldUntil)
        => state.State = S with { Chunks = S.Chunks.Select(c => c.Index == index ? new CampaignChunkProgress(index, report.Counts, heldUntil, report.SentByAccount) : c).ToList() };

    /// <summary>Counts the assigned sends against each account's and the campaign's limits, before they are made.</summary>
    private void Reserve(List<Assignment> assignments)
    {
        var campaign = new SendLimitCounter(clock, S.Counter);
        campaign.Add(assignments.Count);
        var perAccount = assignments.GroupBy(a => a.AccountId).ToDictionary(g => g.Key, g => g.Count());
        state.State = S with
        {
            Counter = campaign.State,
            Accounts = S.Accounts.Select(a =>
            {
                if (!perAccount.TryGetValue(a.AccountId, out var n)) return a;
                var counter = new SendLimitCounter(clock, a.Counter);
                counter.Add(n);
                return a with { Counter = counter.State };
            }).ToList(),
        };
    }

    /// <summary>Gives back reserved sends that were not made (refused, skipped, never attempted).</summary>
    private SendCounterState GiveBack(SendCounterState reserved, int count)
    {
        var rolled = new SendLimitCounter(clock, reserved).State;
        return count <= 0 ? rolled : rolled with { HourCount = Math.Max(0, rolled.HourCount - count), DayCount = Math.Max(0, rolled.DayCount - count) };
    }

    private void NoteSent(int count, DateTimeOffset now)
    {
        if (count <= 0) return;
        _recentSends.Enqueue((now, count));
        GrainMetrics.CampaignSent.Add(count, GrainMetrics.Campaign(CampaignId));
    }

    private async Task<TimeSpan> WaitAsync(DateTimeOffset until, string reason, DateTimeOffset now)
    {
        state.State = S with { WakeAt = until };
        if (S.State != CampaignState.Waiting || S.Reason != reason) await MoveAsync(CampaignState.Waiting, reason);
        else await SaveAsync(publish: false);
        return until - now;
    }

    /// <summary>Nobody may send before <paramref name="until"/> only because of the accounts' random delays: the next round is a
    /// little later, so accounts whose delays end close together send in one round (a delay only ever grows by this).</summary>
    private async Task<TimeSpan> RunningAsync(DateTimeOffset until, DateTimeOffset now)
    {
        state.State = S with { WakeAt = until };
        if (S.State != CampaignState.Running) await MoveAsync(CampaignState.Running, null);
        var gather = Definition.Limits.MinDelay / 4;
        return until - now + (gather > MaxGather ? MaxGather : gather);
    }

    /// <summary>Longest a round waits for more accounts' delays to end (see <see cref="RunningAsync"/>).</summary>
    private static readonly TimeSpan MaxGather = TimeSpan.FromMilliseconds(250);

    private async Task SaveSoonAsync()
    {
        _dirty = true;
        if (clock.GetUtcNow() - _lastWrite >= TimeSpan.FromSeconds(1)) await SaveAsync(publish: false);
        else await PublishAsync(force: false);
    }

    private async Task MoveAsync(CampaignState next, string? reason)
    {
        var changed = S.State != next;
        state.State = S with { State = next, Reason = reason, WakeAt = next is CampaignState.Running or CampaignState.Waiting ? S.WakeAt : null };
        if (changed) CampaignGrainLog.StateChanged(logger, CampaignId, next.ToString(), reason is null ? "" : ": " + reason);
        await SaveAsync(publish: true);
        if (IsActive)
        {
            await alwaysOn.AddAsync(this.GetGrainId());
            if (changed && next == CampaignState.Running) Schedule(TimeSpan.Zero);
        }
        else
        {
            await alwaysOn.RemoveAsync(this.GetGrainId());
        }
    }

    private async Task SaveAsync(bool publish)
    {
        await state.WriteStateAsync();
        _lastWrite = clock.GetUtcNow();
        _dirty = false;
        await PublishAsync(force: publish);
    }

    /// <summary>Pushes the summary to the campaign registry: at once when <paramref name="force"/> (a change of state), else at
    /// most every 5 s.</summary>
    private async Task PublishAsync(bool force)
    {
        var now = clock.GetUtcNow();
        if (!force && now - _lastPublished < TimeSpan.FromSeconds(5)) return;
        _lastPublished = now;
        var counts = Totals();
        try
        {
            await GrainFactory.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key)
                .UpdateAsync(new CampaignSummary(CampaignId, Definition.Name, S.State, counts, S.CreatedAt, now));
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            // The list catches up with the next push.
        }
    }

    private CampaignCounts Totals() => S.Chunks.Aggregate(CampaignCounts.Zero, (sum, c) => sum.Plus(c.Counts));

    private CampaignStatus Status()
    {
        var now = clock.GetUtcNow();
        while (_recentSends.TryPeek(out var oldest) && now - oldest.At > TimeSpan.FromMinutes(5)) _recentSends.Dequeue();
        var counts = Totals();
        double perMinute = 0;
        if (_recentSends.Count > 0)
        {
            var span = Math.Max((now - _recentSends.Peek().At).TotalMinutes, 1.0 / 60);
            perMinute = _recentSends.Sum(s => s.Count) / span;
        }
        DateTimeOffset? eta = perMinute > 0 && IsActive ? now + TimeSpan.FromMinutes(counts.Open / perMinute) : null;
        var sentBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in S.Chunks)
            foreach (var (account, n) in chunk.SentByAccount ?? new Dictionary<string, int>()) sentBy[account] = sentBy.GetValueOrDefault(account) + n;
        var accounts = S.Accounts.Select(a => new CampaignAccountProgress(a.AccountId, a.IsPremium, a.State, a.Until, a.Reason, sentBy.GetValueOrDefault(a.AccountId), a.Failed, a.FloodWaits)).ToList();
        return new CampaignStatus(CampaignId, Definition.Name, S.State, S.Reason, counts, accounts, perMinute, eta, S.CreatedAt, S.StartedAt, S.FinishedAt,
            IsActive ? S.WakeAt : null, S.Chunks.Count, S.ResentAfterDoubt, S.InDoubtFound, S.InDoubtNotFound,
            Definition.Message.Variants.Count, Definition.Message.Media, Definition.Message.MediaKind);
    }

    /// <summary>The pool as explicit accounts, premium first: every listed account must be configured; a tag takes every
    /// account whose label carries it as a word.</summary>
    private async Task<List<CampaignPoolAccount>> ResolvePoolAsync(CampaignAccountPool pool)
    {
        var ids = pool.AccountIds.Select(id => id.Trim()).Where(id => id.Length > 0).ToList();
        if (pool.Tag is { Length: > 0 } tag)
        {
            var tagged = await TaggedAsync(tag);
            if (tagged.Count == 0) throw new ArgumentException($"No account carries the tag '{tag}' in its label.", nameof(pool));
            ids.AddRange(tagged);
        }
        ids = ids.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) throw new ArgumentException("The account pool is empty: name accounts or a tag.", nameof(pool));
        var statuses = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IAccountGrain>(id).GetStatusAsync()));
        var unknown = statuses.Where(s => !s.Configured).Select(s => s.AccountId).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown account{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown)}.", nameof(pool));
        return PremiumFirst(statuses.Select(s => new CampaignPoolAccount { AccountId = s.AccountId, IsPremium = s.Identity?.IsPremium == true }));
    }

    private static List<CampaignPoolAccount> PremiumFirst(IEnumerable<CampaignPoolAccount> accounts)
        => accounts.OrderByDescending(a => a.IsPremium).ThenBy(a => a.AccountId, StringComparer.Ordinal).ToList();

    private async Task<List<string>> TaggedAsync(string tag)
    {
        var fleet = await GrainFactory.GetGrain<Abstractions.Registry.IFleetRegistryGrain>(Abstractions.Registry.IFleetRegistryGrain.Key).ListAccountsAsync();
        return fleet.Where(a => a.Label is { } label && label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Select(a => a.AccountId).ToList();
    }

    /// <summary>A pool given by a tag is looked at again when the campaign starts or resumes: accounts that carry the tag
    /// since join it (ready). Accounts already in the pool stay, also when their tag was taken away (a send in doubt is
    /// looked up through the account that made it).</summary>
    private async Task AddNewlyTaggedAsync()
    {
        if (Definition.Pool.Tag is not { Length: > 0 } tag) return;
        var known = S.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var added = (await TaggedAsync(tag)).Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (added.Count == 0) return;
        var statuses = await Task.WhenAll(added.Select(id => GrainFactory.GetGrain<IAccountGrain>(id).GetStatusAsync()));
        var joining = statuses.Where(s => s.Configured)
            .Select(s => new CampaignPoolAccount { AccountId = s.AccountId, IsPremium = s.Identity?.IsPremium == true, NextSendAt = clock.GetUtcNow() }).ToList();
        if (joining.Count == 0) return;
        state.State = S with { Accounts = PremiumFirst(S.Accounts.Concat(joining)) };
        foreach (var a in joining) CampaignGrainLog.AccountChanged(logger, CampaignId, a.AccountId, $"joined the pool (tagged {tag})");
    }
}

using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Diagnostics;
using Cluster.Grains.Forwarding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Pairs;

/// <summary>One source chat -> destinations rule. Deliveries from the account grain are checked against the checkpoint,
/// filtered and queued; a one-shot timer turn republishes the queue head through the account, one operation at a time,
/// so destinations see the source order. A cooldown answer is stored as a retry time and a timer, never waited out in a
/// turn; a source or destination that cannot be used puts the pair in error with a reason, retried with backoff.
/// Placed next to its caller, which is normally its account's pump.</summary>
[GrainType("pair")]
[PreferLocalPlacement]
public sealed partial class ChannelPairGrain(
    [PersistentState("pair")] IPersistentState<ChannelPairState> state,
    [PersistentState("idmap")] IPersistentState<PairIdMapState> idMapSnapshot,
    [PersistentState("timings")] IPersistentState<PairTimingState> timings,
    IAlwaysOnRegistry alwaysOn,
    IOptions<ForwardingOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ChannelPairGrain> logger) : Grain, IChannelPairGrain, IAlwaysOnGrain
{
    /// <summary>The keeper's call: being activated (or kept from idle collection) is all it asks.</summary>
    public Task KeepAliveAsync() => Task.CompletedTask;

    private static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;

    private readonly ForwardingOptions _options = options.Value;
    private MessageFilter _filter = MessageFilter.Create(PairFilters.None, TimeSpan.FromSeconds(1));
    private TextTransformer _transformer = TextTransformer.Identity;
    private PairOutbox _outbox = new();
    private MessageIdMap _idMap = new(1);
    private LatencyHistogram _forward = new();
    private LatencyHistogram _processing = new();
    private readonly Queue<MessageTiming> _recentTimings = new();
    private bool _timingsDirty;
    private DateTimeOffset _timingsWrittenAt;
    private bool _idMapSnapshotStale;
    private IGrainTimer? _pumpTimer;
    private IGrainTimer? _catchUpTimer;
    private bool _dirty;
    // The pair's state as it is; what is written to "pair" may leave out the tail of a burst (see SaveAsync).
    private ChannelPairState _live = new();
    // The last write left queued messages out (they would be fetched again after a crash).
    private bool _storedPartially;
    private PairSummary? _lastPublished;
    private DateTimeOffset _lastPublishedAt;

    private string PairId => this.GetPrimaryKeyString();
    private ChannelPairState S => _live;
    private PairConfiguration? Config => S.Configuration;

    /// <summary>The silo is shutting down: start no new send or registry push, so the pair hands over at once; what is
    /// left is done by its next activation.</summary>
    private bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;

    private bool Runnable => Config is { Enabled: true } && !S.Paused;

    private bool Resolved => S.SourceChatId is not null && S.Destinations.All(d => d.ChatId is not null);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = state.State;
        _outbox = new PairOutbox(S.Outbox);
        _idMap = new MessageIdMap(_options.MessageIdMapCapacity,
            idMapSnapshot.State.Entries.Concat(MessageIdMapPacking.Unpack(idMapSnapshot.State.Packed)),
            S.IdMap.Concat(MessageIdMapPacking.Unpack(S.IdMapJournal)));
        // The queue and the id map live in _outbox and _idMap from here on.
        _live = S with { Outbox = [], IdMap = [], IdMapJournal = [] };
        _forward = new LatencyHistogram(timings.State.Forward);
        _processing = new LatencyHistogram(timings.State.Processing);
        foreach (var timing in timings.State.Latest.TakeLast(_options.RecentTimingsKept)) _recentTimings.Enqueue(timing);
        _timingsWrittenAt = clock.GetUtcNow();
        if (Config is { } config) Compile(config);
        _pumpTimer = this.RegisterGrainTimer(PumpAsync, Never, Never);
        // Catch up at once: messages posted while the pair was not active anywhere are only in the history.
        _catchUpTimer = this.RegisterGrainTimer(CatchUpAsync, TimeSpan.Zero, _options.CatchUpInterval);
        await RecoverInFlightAsync();
        SchedulePump(Runnable && !Resolved ? TimeSpan.Zero : null);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _pumpTimer?.Dispose();
        _catchUpTimer?.Dispose();
        // A stale activation's write is refused by its ETag; anything not written is found again by the next activation's catch-up.
        if (Config is not null)
        {
            // Everything, queue included: the next activation goes on from it instead of fetching the queue again.
            if (_dirty || _storedPartially || _lastPublished?.Forwarded != S.Statistics.Forwarded) await SaveAsync(forcePublish: true, complete: true);
            await WriteTimingsAsync(force: true);
        }
    }

    public async Task<PairStatus> ConfigureAsync(PairConfiguration configuration)
    {
        Validate(configuration);
        Compile(configuration); // throws ArgumentException naming a bad pattern before anything changes
        var old = Config;
        if (old is not null && old.AccountId != configuration.AccountId)
            await TryAsync($"account {old.AccountId}", () => Account(old.AccountId).UnsubscribeAsync(PairId));
        if (old is null || old.SourceChat != configuration.SourceChat)
        {
            // Another source is another stream: its ids mean nothing to the old checkpoint and map.
            _outbox = new PairOutbox();
            _idMap = new MessageIdMap(_options.MessageIdMapCapacity);
            _idMapSnapshotStale = true;
            _live = S with { SourceChatId = null, SourceTitle = null, Checkpoint = ForwardCheckpoint.Initial, PastMode = null };
        }
        else if (old.AccountId != configuration.AccountId)
        {
            _live = S with { SourceChatId = null };
        }
        var destinations = configuration.Destinations
            .Select(d => S.Destinations.FirstOrDefault(x => x.Reference == d && old?.AccountId == configuration.AccountId) ?? new PairDestination(d, null, null))
            .ToList();
        _live = S with { Configuration = configuration, Destinations = destinations, LastError = null, LastErrorAt = null, RetryAt = null, ErrorReason = null, ConsecutiveFailures = 0 };
        if (configuration.Enabled) await EnsureResolvedAsync();
        else await TryAsync($"account {configuration.AccountId}", () => Account(configuration.AccountId).UnsubscribeAsync(PairId));
        await SaveAsync();
        if (configuration.Enabled) await alwaysOn.AddAsync(this.GetGrainId());
        else await alwaysOn.RemoveAsync(this.GetGrainId());
        SchedulePump();
        return Status();
    }

    public async Task<PairStatus> PauseAsync()
    {
        RequireConfigured();
        _live = S with { Paused = true };
        await SaveAsync();
        return Status();
    }

    public async Task<PairStatus> ResumeAsync()
    {
        RequireConfigured();
        _live = S with { Paused = false, RetryAt = null };
        if (!Resolved) await EnsureResolvedAsync();
        await SaveAsync();
        SchedulePump();
        return Status();
    }

    public async Task DeleteAsync()
    {
        if (Config is { } config)
            await TryAsync($"account {config.AccountId}", () => Account(config.AccountId).UnsubscribeAsync(PairId));
        await alwaysOn.RemoveAsync(this.GetGrainId());
        await TryAsync("fleet registry", () => Registry().RemovePairAsync(PairId));
        await state.ClearStateAsync();
        if (idMapSnapshot.RecordExists) await idMapSnapshot.ClearStateAsync();
        if (timings.RecordExists) await timings.ClearStateAsync();
        _live = new ChannelPairState();
        _outbox = new PairOutbox();
        DeactivateOnIdle();
    }

    public async Task DeliverNewMessagesAsync(IReadOnlyList<SourceMessage> messages)
    {
        if (Config is not { Enabled: true } || messages.Count == 0 || messages[0].ChatId != S.SourceChatId) return;
        var now = clock.GetUtcNow();
        var (checkpoint, accepted) = S.Checkpoint.AcceptLive(messages.Select(m => m.Id).ToList());
        _live = S with { Checkpoint = checkpoint };
        if (S.Paused)
        {
            _live = S with { Statistics = S.Statistics with { Skipped = S.Statistics.Skipped + accepted.Count } };
        }
        else
        {
            var acceptedSet = accepted.ToHashSet();
            Enqueue(messages.Where(m => acceptedSet.Contains(m.Id)), now, isPast: false, cursor: null);
        }
        // When the pump turn runs at once it writes everything with its in-flight marker; until then a crash loses
        // nothing, as the stored checkpoint has not moved and the next activation fetches these messages from history.
        if (Runnable && Resolved && S.RetryAt is null && _outbox.NextReadyAt is { } ready && ready <= now) _dirty = true;
        else await SaveAsync();
        SchedulePump();
        if (checkpoint.Gaps.Count > 0) _catchUpTimer?.Change(TimeSpan.Zero, _options.CatchUpInterval);
    }

    public async Task DeliverEditedMessageAsync(SourceMessage message)
    {
        if (Config is not { Enabled: true } config || message.ChatId != S.SourceChatId) return;
        if (!_outbox.TryApplyEdit(message))
        {
            // A forwarded message keeps Telegram's original and cannot be edited by us: only copies mirror edits. A message
            // whose send began has no copy recorded yet, or not in every destination: the edit waits behind its send.
            if (config.Mode != ForwardMode.Copy || (_idMap.Lookup(message.Id).Count == 0 && !_outbox.HasStarted(message.Id))) return;
            _outbox.EnqueueEdit(message, clock.GetUtcNow());
        }
        await SaveAsync();
        SchedulePump();
    }

    public async Task DeliverDeletedMessagesAsync(long chatId, IReadOnlyList<long> messageIds)
    {
        if (Config is not { Enabled: true } || chatId != S.SourceChatId) return;
        // A message whose send is in doubt stays queued: its copy may exist, and the check that finds it deletes it.
        var inFlight = S.Checkpoint.InFlight?.SourceIds ?? [];
        var remaining = _outbox.TryApplyDelete(messageIds.Where(id => !inFlight.Contains(id)).ToList())
            .Concat(messageIds.Where(inFlight.Contains)).ToList();
        var mapped = remaining.Where(id => _idMap.Lookup(id).Count > 0).ToList();
        if (mapped.Count > 0) _outbox.EnqueueDelete(mapped, clock.GetUtcNow());
        await SaveAsync();
        SchedulePump();
    }

    public async Task<PairStatus> StartPastModeAsync(PastModeRequest request)
    {
        RequireConfigured();
        var cursor = PastModeCursor.Start(request, clock.GetUtcNow());
        _outbox.RemovePast();
        _live = S with { PastMode = cursor };
        await SaveAsync();
        SchedulePump(TimeSpan.Zero);
        return Status();
    }

    public async Task<PairStatus> StopPastModeAsync()
    {
        _outbox.RemovePast();
        _live = S with { PastMode = S.PastMode is { Completed: false } p ? p with { Completed = true, CompletedAt = clock.GetUtcNow() } : S.PastMode };
        await SaveAsync();
        return Status();
    }

    public Task<PairStatus> GetStatusAsync() => Task.FromResult(Status());

    public Task<PairTiming> GetTimingAsync()
        => Task.FromResult(new PairTiming(_forward.ToSummary(), _processing.ToSummary(), _recentTimings.ToArray()));

    // ---- the queue ----

    /// <summary>A timer turn: republishes due operations from the head, at most a few per turn so calls interleave
    /// between turns; then fetches the next past-mode page when the queue has none left.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        if (!Runnable) return;
        if (S.RetryAt is { } retryAt && retryAt > clock.GetUtcNow()) { SchedulePump(); return; }
        if (S.RetryAt is not null) _live = S with { RetryAt = null };
        var held = false;
        try
        {
            held = await PumpCoreAsync();
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            // The account grain could not be reached (its silo is gone, a call timed out): try again later, as for any failure.
            Fail($"account {Config!.AccountId} is unreachable: {e.Message}", needsAdmin: false, retryAt: null);
            await SaveAsync();
        }
        // Held behind a gap: the catch-up that fills it schedules the pump again.
        if (!held) SchedulePump();
    }

    /// <summary>Republishes from the head of the queue; returns true when the head waits for older source messages
    /// still being fetched from the history.</summary>
    private async Task<bool> PumpCoreAsync()
    {
        if (!Resolved)
        {
            await EnsureResolvedAsync();
            if (!Resolved) { await SaveAsync(); return false; }
        }
        for (var done = 0; done < _options.MaxOperationsPerTurn && !Stopping; done++)
        {
            if (_outbox.PeekReady(clock.GetUtcNow()) is not { } head) break;
            if (WaitsForGap(head))
            {
                // Older source messages are missing (a delivery lost while a silo died): they are being fetched, and the
                // destinations must see them first. The history fill queues them ahead of this one.
                await SaveAsync();
                return true;
            }
            var wait = head.Kind switch
            {
                PendingOperationKind.New => await RepublishAsync(head),
                PendingOperationKind.Edit => await MirrorEditAsync(head),
                _ => await MirrorDeleteAsync(head),
            };
            if (wait is { } until)
            {
                _live = S with { RetryAt = until };
                await SaveAsync();
                return false;
            }
        }
        if (_outbox.PastCount == 0 && _outbox.PeekReady(clock.GetUtcNow()) is null && S.PastMode is { Completed: false } cursor)
            await FetchPastPageAsync(cursor);
        await SaveAsync();
        return false;
    }

    /// <summary>Whether a new live message has not been started yet while an older source id is still unknown (an open
    /// gap below it): sending it now would put it before that one at the destinations.</summary>
    private bool WaitsForGap(PendingOperation head)
        => head is { Kind: PendingOperationKind.New, IsPast: false, IsStarted: false }
           && S.Checkpoint.Gaps.Any(g => g.AfterId + 1 < head.FirstSourceId);

    /// <summary>Sends a new message or album to every destination not yet served. Returns a time to come back when the
    /// account cannot serve now; null when the operation is done (sent or given up) and left the queue.</summary>
    private async Task<DateTimeOffset?> RepublishAsync(PendingOperation op)
    {
        var config = Config!;
        if (S.Destinations.Any(d => d.ChatId is null))
        {
            // Never count a message as forwarded while a destination is unknown: resolve, or wait for an admin.
            await EnsureResolvedAsync();
            if (S.Destinations.Any(d => d.ChatId is null)) return S.RetryAt ?? clock.GetUtcNow() + _options.RetryDelay;
        }
        var account = Account(config.AccountId);
        var ids = op.SourceIds;
        foreach (var destination in S.Destinations)
        {
            if (destination.ChatId is not { } chatId || op.DoneDestinations.Contains(chatId)) continue;
            if (S.Checkpoint.IsInFlight(ids, chatId))
            {
                // Started and never confirmed (the pair crashed, or the call failed without an answer): find out first.
                var doubt = await ResolveInDoubtAsync(account, config, op, chatId);
                if (doubt.Wait is { } waitUntil) { _outbox.UpdateHead(op); return waitUntil; }
                if (doubt.Copies is { } found)
                {
                    _idMap.Record(ids, chatId, found);
                    op = op with { DoneDestinations = [.. op.DoneDestinations, chatId], Attempts = 0 };
                }
                if (doubt.Found || doubt.SourceGone) _live = S with { Checkpoint = S.Checkpoint.CompleteSend() };
                if (doubt.SourceGone)
                {
                    // Deleted at the source meanwhile (a deletion that may never reach the pair, it happened while it was
                    // down): no destination gets it any more, and the copies made, the found one included, are deleted.
                    _outbox.RemoveHead();
                    var copied = ids.Where(id => _idMap.Lookup(id).Count > 0).ToList();
                    if (copied.Count > 0) _outbox.EnqueueDelete(copied, clock.GetUtcNow());
                    _live = S with { Checkpoint = S.Checkpoint.MarkForwarded(ids) };
                    return null;
                }
                _outbox.UpdateHead(op);
                if (doubt.Found) continue;
            }
            if (!op.Tried)
            {
                // From here the operation is kept as sent: an edit arriving while the send is in doubt is mirrored after it
                // (the check for the copy compares what was sent), and no late message is queued ahead of it.
                op = op with { Tried = true };
                _outbox.UpdateHead(op);
            }
            _live = S with { Checkpoint = S.Checkpoint.BeginSend(ids, chatId, clock.GetUtcNow()) };
            await SaveAsync(); // in flight is durable before Telegram sees the send: a crash now means one resend at most
            var result = await SendAsync(account, config, op, chatId);
            _live = S with { Checkpoint = S.Checkpoint.CompleteSend() };
            var outcome = Judge(ref op, result, "republishing", chatId, DestinationName(chatId));
            if (outcome.Wait is { } until) { _outbox.UpdateHead(op); return until; }
            if (result.IsOk) _idMap.Record(ids, chatId, result.Messages.Select(m => m.MessageId).ToList());
            if (outcome.DestinationDone) op = op with { DoneDestinations = [.. op.DoneDestinations, chatId], Attempts = 0 };
            _outbox.UpdateHead(op);
            // Not written here: the next in-flight marker (or the end of the turn) writes it; a crash before that resends
            // this one message once, which the in-flight marker already allows for.
        }
        _outbox.RemoveHead();
        var now = clock.GetUtcNow();
        _live = S with
        {
            Checkpoint = S.Checkpoint.MarkForwarded(ids),
            Statistics = S.Statistics with { Forwarded = S.Statistics.Forwarded + ids.Count, LastForwardedAt = now },
        };
        GrainMetrics.PairForwarded.Add(ids.Count, GrainMetrics.Pair(PairId));
        if (!op.IsPast) RecordTiming(op, now);
        return null;
    }

    /// <summary>How many of a destination's newest messages are searched for the copy of a send in doubt.</summary>
    private const int InDoubtSearchDepth = 100;

    /// <summary>Copies dated this much before the send started still count (Telegram's clock against the silo's).</summary>
    private static readonly TimeSpan InDoubtClockSlack = TimeSpan.FromMinutes(5);

    /// <summary>What a check of a send in doubt found: a time to come back (the account cannot read now); the copies
    /// at the destination (in source order) or none; whether the source messages are all gone.</summary>
    private readonly record struct InDoubtCheck(DateTimeOffset? Wait, IReadOnlyList<long>? Copies, bool SourceGone)
    {
        public bool Found => Copies is not null;
    }

    /// <summary>Finds out whether a send in doubt reached <paramref name="chatId"/>: reads the destination's newest
    /// messages and looks for this account's copy (<see cref="FindCopies"/>), then asks the source whether the messages
    /// still exist. When the destination cannot be read (and it is not a wait), the send is made again (a possible
    /// duplicate, counted).</summary>
    private async Task<InDoubtCheck> ResolveInDoubtAsync(IAccountGrain account, PairConfiguration config, PendingOperation op, long chatId)
    {
        var ids = op.SourceIds;
        var recent = await account.GetRecentMessagesAsync(new RecentMessagesRequest(chatId, InDoubtSearchDepth));
        if (recent.Status is AccountCallStatus.CoolingDown or AccountCallStatus.LimitReached or AccountCallStatus.NotActive)
            return new InDoubtCheck(recent.RetryAt ?? clock.GetUtcNow() + _options.RetryDelay, null, false);
        IReadOnlyList<long>? copies = null;
        if (recent.IsOk) copies = FindCopies(recent.Messages, config, op, chatId);
        var first = ids.Min();
        var source = await account.GetHistoryAsync(new HistoryRequest(S.SourceChatId!.Value, first - 1, (int)Math.Clamp(ids.Max() - first + 1, 1, 100)));
        if (source.Status is AccountCallStatus.CoolingDown or AccountCallStatus.LimitReached or AccountCallStatus.NotActive)
            return new InDoubtCheck(source.RetryAt ?? clock.GetUtcNow() + _options.RetryDelay, null, false);
        var sourceGone = source.IsOk && !source.Messages.Any(m => ids.Contains(m.Id));
        string outcome;
        if (!recent.IsOk)
        {
            outcome = $"the destination cannot be read ({recent.Error}): sent again, a possible duplicate";
            _live = S with { Statistics = S.Statistics with { PossibleDuplicates = S.Statistics.PossibleDuplicates + ids.Count } };
        }
        else if (copies is not null) outcome = $"found as {string.Join(",", copies)}" + (sourceGone ? "; the source was deleted, so is the copy" : "");
        else outcome = sourceGone ? "not sent, and the source was deleted: nothing to do" : "not sent: sending it";
        ChannelPairGrainLog.InDoubtResolved(logger, PairId, string.Join(",", ids), chatId, outcome);
        return new InDoubtCheck(null, copies, sourceGone);
    }

    /// <summary>The copy of <paramref name="op"/> among a destination's newest messages (newest first), as destination ids
    /// in source order; null when there is none. Only messages this account sent, dated from shortly before the send
    /// started, that the id map does not know already. A forward is found exactly: its header names the source chat and
    /// message. A copy (or a forward of a message that is itself a forward, whose header names the original) carries no
    /// link to its source: it is found by its content, the same media kinds and texts as the send made, in a run of
    /// consecutive messages; the newest such run wins. Limits: only the newest <see cref="InDoubtSearchDepth"/> messages
    /// are searched (a busier destination may hide the copy: it is then sent again), and an identical post this account
    /// made to the same chat meanwhile that the pair does not know (another pair's) could be taken for the copy.</summary>
    private IReadOnlyList<long>? FindCopies(IReadOnlyList<SourceMessage> recent, PairConfiguration config, PendingOperation op, long chatId)
    {
        var known = _idMap.ToEntries().SelectMany(e => e.Destinations).Where(r => r.ChatId == chatId).Select(r => r.MessageId).ToHashSet();
        var since = S.Checkpoint.InFlight?.StartedAt is { } started ? started - InDoubtClockSlack : DateTimeOffset.MinValue;
        var candidates = recent.Where(m => m.IsOutgoing && !known.Contains(m.Id) && m.Date >= since).OrderBy(m => m.Id).ToList();
        var source = S.SourceChatId!.Value;
        if (config.Mode == ForwardMode.Forward && op.Messages.All(m => !m.IsForwarded))
        {
            var forwards = op.Messages.Select(m => candidates.LastOrDefault(c => c.ForwardedFrom == new MessageRef(source, m.Id))?.Id).ToList();
            return forwards.All(id => id is not null) ? forwards.Select(id => id!.Value).ToList() : null;
        }
        var expected = ExpectedContent(config, op);
        for (var end = candidates.Count; end >= expected.Count; end--)
        {
            var run = candidates.Skip(end - expected.Count).Take(expected.Count).ToList();
            if (run.Zip(expected).All(p => p.First.Media == p.Second.Media && p.First.Text.Text == p.Second.Text)) return run.Select(m => m.Id).ToList();
        }
        return null;
    }

    /// <summary>What the send of <paramref name="op"/> puts at a destination, message by message: media kind and text,
    /// as <see cref="SendAsync"/> makes them.</summary>
    private List<(MessageMediaKind Media, string Text)> ExpectedContent(PairConfiguration config, PendingOperation op)
    {
        if (config.Mode == ForwardMode.Forward || _transformer.IsIdentity) return op.Messages.Select(m => (m.Media, m.Text.Text)).ToList();
        if (op.Messages is [{ HasMedia: false } single]) return [(MessageMediaKind.None, _transformer.Apply(single.Text, TextTransformer.MaxTextLength).Text)];
        var captions = AlbumCaptions(op);
        return op.Messages.Select(m => (m.Media, captions.TryGetValue(m.Id, out var caption) ? caption.Text : m.Text.Text)).ToList();
    }

    private Task<SendResult> SendAsync(IAccountGrain account, PairConfiguration config, PendingOperation op, long chatId)
    {
        var source = S.SourceChatId!.Value;
        var ids = op.SourceIds;
        var replyTo = ReplyTarget(config, op, chatId);
        if (config.Mode == ForwardMode.Forward || _transformer.IsIdentity)
            return account.ForwardAsync(new ForwardRequest(chatId, source, ids, SendCopy: config.Mode == ForwardMode.Copy, ReplyToMessageId: replyTo));
        if (op.Messages is [{ HasMedia: false } single])
            return account.SendTextAsync(new SendTextRequest(chatId, _transformer.Apply(single.Text, TextTransformer.MaxTextLength), replyTo));
        var captions = AlbumCaptions(op);
        return account.ForwardAsync(new ForwardRequest(chatId, source, ids, SendCopy: true, captions, replyTo));
    }

    /// <summary>The new caption of a copied album (or single media) with a transformation: an album carries one caption
    /// that Telegram shows, the first with text, or the first message for a header.</summary>
    private Dictionary<long, MessageText> AlbumCaptions(PendingOperation op)
    {
        var captioned = op.Messages.FirstOrDefault(m => !m.Text.IsEmpty) ?? op.Messages[0];
        return new Dictionary<long, MessageText> { [captioned.Id] = _transformer.Apply(captioned.Text, TextTransformer.MaxCaptionLength) };
    }

    /// <summary>The message of <paramref name="chatId"/> a copy replies to: the copy there of the source message the
    /// operation replies to, through the id map. None when the parent is unknown (never republished, filtered, forgotten by
    /// the bounded map, or its copy deleted by mirroring) -- then the copy is a plain message -- and none in forward mode:
    /// Telegram (TDLib's forwardMessages) cannot forward with the header as a reply, and a forward keeps its header.
    /// A copy whose parent copy was deleted at the destination by someone else is sent as a plain message by Telegram.</summary>
    private long? ReplyTarget(PairConfiguration config, PendingOperation op, long chatId)
    {
        if (config.Mode != ForwardMode.Copy) return null;
        if (op.Messages.Select(m => m.ReplyToMessageId).FirstOrDefault(r => r is not null) is not { } parent) return null;
        foreach (var copy in _idMap.Lookup(parent))
            if (copy.ChatId == chatId) return copy.MessageId;
        return null;
    }

    private async Task<DateTimeOffset?> MirrorEditAsync(PendingOperation op)
    {
        var account = Account(Config!.AccountId);
        var message = op.Messages[0];
        foreach (var copy in _idMap.Lookup(message.Id))
        {
            if (op.DoneDestinations.Contains(copy.ChatId)) continue;
            var maxLength = message.HasMedia ? TextTransformer.MaxCaptionLength : TextTransformer.MaxTextLength;
            var result = await account.EditTextAsync(new EditTextRequest(copy.ChatId, copy.MessageId, _transformer.Apply(message.Text, maxLength)));
            var outcome = Judge(ref op, result, "edit", copy.ChatId, null);
            if (outcome.Wait is { } until) { _outbox.UpdateHead(op); return until; }
            if (outcome.DestinationDone) op = op with { DoneDestinations = [.. op.DoneDestinations, copy.ChatId], Attempts = 0 };
            _outbox.UpdateHead(op);
        }
        _outbox.RemoveHead();
        _live = S with { Statistics = S.Statistics with { EditsMirrored = S.Statistics.EditsMirrored + 1 } };
        return null;
    }

    private async Task<DateTimeOffset?> MirrorDeleteAsync(PendingOperation op)
    {
        var account = Account(Config!.AccountId);
        var byChat = op.DeletedIds.SelectMany(id => _idMap.Lookup(id)).GroupBy(r => r.ChatId);
        foreach (var chat in byChat)
        {
            if (op.DoneDestinations.Contains(chat.Key)) continue;
            var result = await account.DeleteMessagesAsync(new DeleteMessagesRequest(chat.Key, chat.Select(r => r.MessageId).Distinct().ToList()));
            var outcome = Judge(ref op, result, "deletion", chat.Key, null);
            if (outcome.Wait is { } until) { _outbox.UpdateHead(op); return until; }
            if (outcome.DestinationDone) op = op with { DoneDestinations = [.. op.DoneDestinations, chat.Key], Attempts = 0 };
            _outbox.UpdateHead(op);
        }
        _outbox.RemoveHead();
        foreach (var id in op.DeletedIds) _idMap.Remove(id);
        _live = S with { Statistics = S.Statistics with { DeletionsMirrored = S.Statistics.DeletionsMirrored + op.DeletedIds.Count } };
        return null;
    }

    /// <summary>What an account answer means for the operation: wait until a time, or this destination is done
    /// (served, or given up after a permanent refusal or too many failures).</summary>
    private (DateTimeOffset? Wait, bool DestinationDone) Judge(ref PendingOperation op, SendResult result, string kind, long chatId, string? destination)
    {
        var now = clock.GetUtcNow();
        switch (result.Status)
        {
            case AccountCallStatus.Ok:
                if (S.ErrorReason is not null || S.ConsecutiveFailures > 0) _live = S with { ErrorReason = null, ConsecutiveFailures = 0 };
                return (null, true);
            case AccountCallStatus.CoolingDown or AccountCallStatus.LimitReached or AccountCallStatus.NotActive:
                var until = result.RetryAt ?? now + Backoff(S.ConsecutiveFailures + 1);
                if (result.RetryAt is null) _live = S with { ConsecutiveFailures = S.ConsecutiveFailures + 1 };
                ChannelPairGrainLog.Waiting(logger, PairId, Config!.AccountId, until, result.Error ?? result.Status.ToString());
                return (until, false);
            case AccountCallStatus.Forbidden or AccountCallStatus.NotFound when destination is not null:
                // A new message that cannot be posted is not skipped: an admin must fix the destination (or the account's
                // rights); until then the pair stays in error and tries again with backoff, keeping the order.
                return (Fail($"account {Config!.AccountId} cannot post in {destination}: {result.Error ?? result.Status.ToString()}", needsAdmin: true, retryAt: null), false);
            case AccountCallStatus.Failed when op.Attempts + 1 < _options.MaxSendAttempts:
                op = op with { Attempts = op.Attempts + 1 };
                RecordError(result.Error);
                return (now + _options.RetryDelay, false);
            default:
                ChannelPairGrainLog.GaveUp(logger, PairId, kind, op.FirstSourceId, chatId, result.Error ?? result.Status.ToString());
                RecordError(result.Error);
                _live = S with { Statistics = S.Statistics with { Failed = S.Statistics.Failed + Math.Max(1, op.SourceIds.Count) } };
                GrainMetrics.PairFailed.Add(Math.Max(1, op.SourceIds.Count), GrainMetrics.Pair(PairId));
                return (null, true);
        }
    }

    // ---- catching up ----

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        // A long queue waits before fetching more, except to fill a gap: the queue's head may be waiting for exactly that.
        if (!Runnable || !Resolved || Stopping || (_outbox.Count > 2 * _options.HistoryPageSize && S.Checkpoint.Gaps.Count == 0)) return;
        if (S.RetryAt is { } retryAt && retryAt > clock.GetUtcNow()) { RetryGapFillSoon(retryAt); return; }
        if (S.Checkpoint.PlanCatchUp(_options.HistoryPageSize) is not { } plan) return;
        HistoryResult result;
        try
        {
            result = await Account(Config!.AccountId).GetHistoryAsync(new HistoryRequest(S.SourceChatId!.Value, plan.AfterId, plan.Limit));
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            ChannelPairGrainLog.CallFailed(logger, PairId, $"account {Config!.AccountId}", e);
            RetryGapFillSoon(null);
            return;
        }
        if (!result.IsOk)
        {
            if (result.RetryAt is { } until) _live = S with { RetryAt = until };
            RecordError(result.Error);
            await SaveAsync();
            RetryGapFillSoon(result.RetryAt);
            return;
        }
        var full = result.Messages.Count >= plan.Limit;
        var (units, nextAfter) = AlbumAssembler.GroupPage(result.Messages, full, plan.AfterId);
        var (checkpoint, accepted) = S.Checkpoint.AcceptFetched(plan.AfterId, units.SelectMany(u => u.Select(m => m.Id)).ToList(), full ? nextAfter : long.MaxValue);
        _live = S with { Checkpoint = checkpoint };
        var acceptedSet = accepted.ToHashSet();
        Enqueue(units.SelectMany(u => u).Where(m => acceptedSet.Contains(m.Id)), clock.GetUtcNow(), isPast: false, cursor: null);
        await SaveAsync();
        SchedulePump();
        // More to fetch (a full page, or a gap left open): come back at once instead of after the interval.
        if (full || checkpoint.Gaps.Count > 0) _catchUpTimer?.Change(TimeSpan.Zero, _options.CatchUpInterval);
    }

    /// <summary>Messages wait behind an open gap: a failed fill is tried again after the retry delay (or when the account
    /// says), not after the whole catch-up interval.</summary>
    private void RetryGapFillSoon(DateTimeOffset? retryAt)
    {
        if (S.Checkpoint.Gaps.Count == 0) return;
        var due = retryAt is { } at ? at - clock.GetUtcNow() : _options.RetryDelay;
        _catchUpTimer?.Change(due < _options.RetryDelay ? _options.RetryDelay : due, _options.CatchUpInterval);
    }

    private async Task FetchPastPageAsync(PastModeCursor cursor)
    {
        if (cursor.PlanFetch(_options.HistoryPageSize) is not { } plan) return;
        var result = await Account(Config!.AccountId).GetHistoryAsync(new HistoryRequest(S.SourceChatId!.Value, plan.AfterId, plan.Limit));
        if (!result.IsOk)
        {
            if (result.RetryAt is { } until) _live = S with { RetryAt = until };
            RecordError(result.Error);
            return;
        }
        var full = result.Messages.Count >= plan.Limit;
        var (units, nextAfter) = AlbumAssembler.GroupPage(result.Messages, full, plan.AfterId);
        var inRange = units.SelectMany(u => u).Where(cursor.InRange).ToList();
        var (queued, filtered) = Enqueue(inRange, clock.GetUtcNow(), isPast: true, cursor);
        _live = S with { PastMode = cursor.Advance(nextAfter, !full, queued, filtered, clock.GetUtcNow()) };
    }

    /// <summary>Groups albums, filters, and queues; returns how many messages were queued and filtered.</summary>
    private (int Queued, int Filtered) Enqueue(IEnumerable<SourceMessage> messages, DateTimeOffset now, bool isPast, PastModeCursor? cursor)
    {
        int queued = 0, filtered = 0;
        foreach (var unit in AlbumAssembler.Group(messages))
        {
            if (_filter.Evaluate(unit).Passes)
            {
                _outbox.EnqueueNew(unit, now, isPast ? TimeSpan.Zero : Config!.Delay, isPast);
                queued += unit.Count;
            }
            else filtered += unit.Count;
        }
        if (!isPast)
        {
            var st = S.Statistics;
            _live = S with
            {
                Statistics = st with { Received = st.Received + queued + filtered, Filtered = st.Filtered + filtered, LastReceivedAt = now },
            };
        }
        return (queued, filtered);
    }

    private async Task RecoverInFlightAsync()
    {
        var (checkpoint, decision) = S.Checkpoint.Recover(_options.InFlightPolicy);
        if (decision.Action == RecoveryAction.None) return;
        var send = decision.Send!;
        ChannelPairGrainLog.Recovered(logger, PairId, string.Join(",", send.SourceIds), send.DestinationChatId, decision.Action.ToString());
        _live = S with { Checkpoint = checkpoint };
        // Resend: the send stays in flight, and the pump looks for its copy before it sends it again.
        if (decision.Action == RecoveryAction.Skip && _outbox.PeekReady(DateTimeOffset.MaxValue) is { } head && head.SourceIds.SequenceEqual(send.SourceIds))
            _outbox.UpdateHead(head with { DoneDestinations = [.. head.DoneDestinations, send.DestinationChatId] });
        await SaveAsync();
    }

    // ---- resolution ----

    /// <summary>Subscribes to the source and resolves the destinations not resolved yet. The first failure stops it and
    /// sets the retry time: a chat that does not exist or cannot be posted in is an error for an admin; an account that
    /// is not active or cools down is only waited for.</summary>
    private async Task EnsureResolvedAsync()
    {
        var config = Config!;
        var account = Account(config.AccountId);
        try
        {
            if (S.SourceChatId is null)
            {
                var source = await account.SubscribeAsync(new SubscriptionRequest(PairId, config.SourceChat));
                if (!source.IsOk) { ResolveFailed(source, $"source {config.SourceChat} cannot be read"); return; }
                _live = S with { SourceChatId = source.Chat!.ChatId, SourceTitle = source.Chat.Title };
            }
            var destinations = S.Destinations.ToList();
            for (var i = 0; i < destinations.Count; i++)
            {
                var destination = destinations[i];
                if (destination.ChatId is not null) continue;
                var resolved = await account.ResolveChatAsync(destination.Reference, join: false);
                if (!resolved.IsOk) { ResolveFailed(resolved, $"destination {destination.Reference} cannot be resolved"); break; }
                if (!resolved.Chat!.CanPost)
                {
                    Fail($"account {config.AccountId} may not post in destination {destination.Reference}", needsAdmin: true, retryAt: null);
                    break;
                }
                destinations[i] = destination with { ChatId = resolved.Chat.ChatId, Title = resolved.Chat.Title };
            }
            _live = S with { Destinations = destinations };
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            Fail($"account {config.AccountId} is unreachable: {e.Message}", needsAdmin: false, retryAt: null);
            return;
        }
        if (Resolved && (S.ErrorReason is not null || S.ConsecutiveFailures > 0))
            _live = S with { ErrorReason = null, ConsecutiveFailures = 0, RetryAt = null };
    }

    private void ResolveFailed(ChatResolution resolution, string what)
    {
        var needsAdmin = resolution.Status is AccountCallStatus.NotFound or AccountCallStatus.Forbidden or AccountCallStatus.Failed;
        Fail($"{what}: {resolution.Error ?? resolution.Status.ToString()}", needsAdmin, resolution.RetryAt);
    }

    /// <summary>Records a failure and when to try again: <paramref name="retryAt"/> when the account said, else a backoff
    /// that doubles with each failure in a row. <paramref name="needsAdmin"/> puts the pair in the error state.</summary>
    private DateTimeOffset Fail(string reason, bool needsAdmin, DateTimeOffset? retryAt)
    {
        var failures = S.ConsecutiveFailures + 1;
        var until = retryAt ?? clock.GetUtcNow() + Backoff(failures);
        _live = S with
        {
            ConsecutiveFailures = failures,
            RetryAt = until,
            ErrorReason = needsAdmin ? reason : S.ErrorReason,
            LastError = reason,
            LastErrorAt = clock.GetUtcNow(),
        };
        if (needsAdmin) ChannelPairGrainLog.InError(logger, PairId, until, reason);
        else ChannelPairGrainLog.Waiting(logger, PairId, Config?.AccountId ?? "?", until, reason);
        return until;
    }

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay < _options.RetryDelay ? _options.RetryDelay : delay;
    }

    private string DestinationName(long chatId)
        => S.Destinations.FirstOrDefault(d => d.ChatId == chatId)?.Reference ?? chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // ---- helpers ----

    /// <summary>Records the forward latency of a republished message from its arrival at our system (the account read the
    /// update; for a message fetched from the history, the pair's receipt of it), never from Telegram's message date,
    /// which has whole-second resolution and is the sender's moment. The date is kept in the recent timings as it is.</summary>
    private void RecordTiming(PendingOperation op, DateTimeOffset now)
    {
        var posted = op.Messages.Count > 0 ? op.Messages[0].Date : op.ReceivedAt;
        var arrived = ArrivalOf(op);
        var forward = now - arrived;
        var processing = now - op.ReceivedAt;
        _forward.Record(forward);
        _processing.Record(processing);
        GrainMetrics.PairForwardLatency.Record(Math.Max(0, forward.TotalMilliseconds), GrainMetrics.Pair(PairId));
        GrainMetrics.PairProcessingLatency.Record(Math.Max(0, processing.TotalMilliseconds), GrainMetrics.Pair(PairId));
        var timing = new MessageTiming(op.FirstSourceId, op.SourceIds.Count, posted, op.ReceivedAt, now, forward.TotalMilliseconds, processing.TotalMilliseconds, arrived);
        _recentTimings.Enqueue(timing);
        while (_recentTimings.Count > _options.RecentTimingsKept) _recentTimings.Dequeue();
        _timingsDirty = true;
        ChannelPairGrainLog.Forwarded(logger, PairId, op.FirstSourceId, op.SourceIds.Count, S.Destinations.Count, arrived, op.ReceivedAt, now, forward.TotalMilliseconds, processing.TotalMilliseconds);
    }

    /// <summary>The earliest arrival of the operation's messages (an album's first message starts its wait), else when the
    /// pair received it. An arrival stamped by the account's silo and a delivery on another silo compare two clocks; a
    /// pair normally lives beside its account (<c>PreferLocalPlacement</c>).</summary>
    private static DateTimeOffset ArrivalOf(PendingOperation op)
    {
        DateTimeOffset? earliest = null;
        foreach (var message in op.Messages)
            if (message.ArrivedAt is { } at && (earliest is null || at < earliest)) earliest = at;
        return earliest is { } arrived && arrived <= op.ReceivedAt ? arrived : op.ReceivedAt;
    }

    private void RecordError(string? error)
    {
        if (error is null) return;
        _live = S with { LastError = error, LastErrorAt = clock.GetUtcNow() };
    }

    private void SchedulePump(TimeSpan? due = null)
    {
        if (_pumpTimer is null || !Runnable) return;
        var now = clock.GetUtcNow();
        var at = due is { } d ? now + d
            : !Resolved ? S.RetryAt ?? now
            : _outbox.NextReadyAt ?? (S.PastMode is { Completed: false } ? now : (DateTimeOffset?)null);
        if (at is null) return;
        if (S.RetryAt is { } retry && retry > at) at = retry;
        var delay = at.Value - now;
        _pumpTimer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Never);
    }

    private void Compile(PairConfiguration configuration)
    {
        _filter = MessageFilter.Create(configuration.Filters, _options.RegexMatchTimeout);
        _transformer = configuration.Mode == ForwardMode.Copy
            ? TextTransformer.Create(configuration.Replacements, configuration.CaptionHeader, configuration.CaptionFooter, _options.RegexMatchTimeout)
            : TextTransformer.Identity;
    }

    private static void Validate(PairConfiguration c)
    {
        if (string.IsNullOrWhiteSpace(c.SourceChat)) throw new ArgumentException("SourceChat must name the source chat (@username, id or invite link).", nameof(c.SourceChat));
        if (string.IsNullOrWhiteSpace(c.AccountId)) throw new ArgumentException("AccountId must name the account that reads and posts.", nameof(c.AccountId));
        if (c.Destinations.Count == 0) throw new ArgumentException("Destinations must name at least one chat.", nameof(c.Destinations));
        for (var i = 0; i < c.Destinations.Count; i++)
            if (string.IsNullOrWhiteSpace(c.Destinations[i])) throw new ArgumentException($"Destinations[{i}] is empty.", nameof(c.Destinations));
        if (c.Destinations.Contains(c.SourceChat)) throw new ArgumentException($"Destinations must not contain the source chat {c.SourceChat}.", nameof(c.Destinations));
        if (c.Delay < TimeSpan.Zero || c.Delay > TimeSpan.FromDays(1)) throw new ArgumentException($"Delay must be between 0 and 1 day (is {c.Delay}).", nameof(c.Delay));
    }

    private void RequireConfigured()
    {
        if (Config is null) throw new InvalidOperationException($"Pair {PairId} is not configured.");
    }

    private IAccountGrain Account(string accountId) => GrainFactory.GetGrain<IAccountGrain>(accountId);

    private IFleetRegistryGrain Registry() => GrainFactory.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key);

    private async Task TryAsync(string target, Func<Task> call)
    {
        try { await call(); }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            ChannelPairGrainLog.CallFailed(logger, PairId, target, e);
        }
    }

    /// <summary>Writes the pair's state (one write per forwarded message in steady state, so it is kept small: the queue
    /// without its untouched tail, see <see cref="Stored"/>, and only the id map's recent changes, packed); the id map's
    /// snapshot first when it is due, so the journal it replaces is never lost; the timings when their interval has
    /// passed. <paramref name="complete"/> stores the whole queue (graceful deactivation).</summary>
    private async Task SaveAsync(bool forcePublish = false, bool complete = false)
    {
        if (_idMapSnapshotStale || _idMap.JournalCount >= _options.MessageIdMapSnapshotInterval)
        {
            idMapSnapshot.State = new PairIdMapState { Packed = _idMap.ToPackedEntries() };
            await idMapSnapshot.WriteStateAsync();
            _idMap.ClearJournal();
            _idMapSnapshotStale = false;
        }
        state.State = Stored(complete) with { IdMap = [], IdMapJournal = _idMap.ToPackedJournal() };
        await state.WriteStateAsync();
        _dirty = false;
        await WriteTimingsAsync(force: false);
        await PublishAsync(forcePublish);
    }

    /// <summary>What the pair writes: its state with the queue, except (unless <paramref name="complete"/>) the new messages
    /// at the queue's tail that no send has touched, which the stored checkpoint then forgets, so after a crash they are
    /// fetched again from the history in order. A burst of n queued messages thus costs n small writes, not n writes of
    /// the whole queue. A paused pair or one that has not taken in a message before them stores everything.</summary>
    private ChannelPairState Stored(bool complete)
    {
        _storedPartially = false;
        if (complete || S.Paused) return S with { Outbox = _outbox.ToList() };
        var (stored, firstUnstored, unstoredMessages) = _outbox.ForStorage(S.Checkpoint);
        if (firstUnstored is not { } first || S.Checkpoint.ForgetFrom(first) is not { IsStarted: true } forgotten)
            return S with { Outbox = _outbox.ToList() };
        _storedPartially = true;
        // They are counted as received again when fetched again.
        var statistics = S.Statistics with { Received = Math.Max(0, S.Statistics.Received - unstoredMessages) };
        return S with { Outbox = stored, Checkpoint = forgotten, Statistics = statistics };
    }

    private async Task WriteTimingsAsync(bool force)
    {
        if (!_timingsDirty) return;
        var now = clock.GetUtcNow();
        if (!force && now - _timingsWrittenAt < _options.TimingsWriteInterval) return;
        timings.State = new PairTimingState { Forward = _forward.ToState(), Processing = _processing.ToState(), Latest = _recentTimings.ToArray() };
        await timings.WriteStateAsync();
        _timingsDirty = false;
        _timingsWrittenAt = now;
    }

    /// <summary>Pushes the summary to the fleet registry at once when what an operator reads changed (state, error, chats),
    /// and the forwarded count at most every <see cref="ForwardingOptions.RegistryPublishInterval"/>: not a call per message.</summary>
    private async Task PublishAsync(bool force)
    {
        if (Stopping) return;
        var summary = Summary();
        var now = clock.GetUtcNow();
        static PairSummary Key(PairSummary s) => s with { UpdatedAt = default, Forwarded = 0, LastForwardedAt = null };
        var changed = _lastPublished is null || Key(summary) != Key(_lastPublished);
        var countDue = _lastPublished is not null && _lastPublished.Forwarded != summary.Forwarded && now - _lastPublishedAt >= _options.RegistryPublishInterval;
        if (!changed && !countDue && !force) return;
        try
        {
            await Registry().UpdatePairAsync(summary);
            _lastPublished = summary;
            _lastPublishedAt = now;
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            ChannelPairGrainLog.CallFailed(logger, PairId, "fleet registry", e);
        }
    }

    private PairState CurrentState()
    {
        if (Config is null) return PairState.Unconfigured;
        if (!Config.Enabled) return PairState.Disabled;
        if (S.Paused) return PairState.Paused;
        if (S.ErrorReason is not null) return PairState.Error;
        if (S.RetryAt is { } at && at > clock.GetUtcNow()) return PairState.WaitingForAccount;
        return PairState.Running;
    }

    private PairSummary Summary() => new(
        PairId, Config?.Name, Config?.AccountId, Config?.SourceChat, S.SourceTitle, S.Destinations.Count, Config?.Mode ?? ForwardMode.Copy,
        CurrentState(), Config?.Enabled ?? false, S.Statistics.Forwarded, S.Statistics.LastForwardedAt, S.ErrorReason ?? S.LastError, clock.GetUtcNow());

    private PairStatus Status()
    {
        var cp = S.Checkpoint;
        return new PairStatus(
            PairId, Config?.Name, CurrentState(), Config?.Enabled ?? false, S.Paused, Config?.AccountId, Config?.Mode ?? ForwardMode.Copy,
            Config?.SourceChat, S.SourceChatId, S.SourceTitle, S.Destinations, Config,
            new PairCheckpointInfo(cp.LastForwardedId, cp.LastSeenId, cp.InFlight?.SourceIds ?? []),
            _outbox.Count, S.RetryAt, S.ErrorReason ?? S.LastError, S.LastErrorAt, S.PastMode?.ToStatus(), S.Statistics, clock.GetUtcNow());
    }
}

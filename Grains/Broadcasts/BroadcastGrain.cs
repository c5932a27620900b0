using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Telegram.Bots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.Grains.Broadcasts;

/// <summary>One bot broadcast (see <see cref="IBroadcastGrain"/>). A loop owned by the activation calls <see cref="StepAsync"/> through the
/// grain's own reference, so every step is a turn and Pause, Resume and Cancel come between steps.</summary>
/// <remarks>
/// <para>A step writes, in one state write of the current chunk, the outcomes of the previous wave and the intent (Sending) of the next
/// wave, then sends that wave through the bot's limited client (which keeps the bot's rate and the chat's rate, and waits out short 429s).
/// A wave is <see cref="BroadcastOptions.WaveSeconds"/> of sends at the bot's rate, so a crash leaves at most that many recipients in
/// Sending; a send without an answer stays in Sending too. The Bot API has no idempotency key and cannot read a private chat, but a
/// bot numbers the messages of all its private chats from one counter: each intent keeps the highest message id known then (its
/// floor), and once a later send got an id (the ceiling) the ids between are looked for in the recipient's chat
/// (<see cref="InDoubtProbe"/>): found, the recipient is Sent; not there, it is sent again; nobody gets the message twice and nobody is
/// left out (the first wave's floor is the highest id of the subscribers' own messages). A send whose ceiling never comes (the
/// broadcast ended right after it) is looked for up to a few waves past the last known id; only what is not found there, or a
/// search too large, falls back to the policy: Skip marks it Unconfirmed and never sends it again, Resend sends it again.</para>
/// </remarks>
[GrainType("broadcast")]
public sealed class BroadcastGrain(
    [PersistentState("broadcast")] IPersistentState<BroadcastGrainState> state,
    IBotClientFactory clients,
    IAlwaysOnRegistry alwaysOn,
    IOptions<BroadcastOptions> options,
    IOptions<BotClientOptions> botOptions,
    ILogger<BroadcastGrain> logger,
    TimeProvider time) : Grain, IBroadcastGrain, IAlwaysOnGrain
{
    private const int RateWindowSeconds = 10;

    private readonly BroadcastOptions _options = options.Value;
    private readonly Dictionary<RecipientState, int> _counts = [];
    private readonly Queue<(long At, int Sent)> _samples = new();
    private List<RecipientRecord> _outcomes = [];
    private BroadcastMessage? _message;
    private ITelegramBotClient? _client;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _lastProgressEdit;
    private long? _lastWave;
    // The highest message id any send of this broadcast got (the floor of the next wave's intent).
    private long _lastMessageId;
    // Sends in doubt to look for, each usable with a ceiling from a wave begun at or after its NotBefore (a timestamp).
    private readonly List<(InDoubtProbe.Entry Entry, long NotBefore)> _inDoubt = [];
    // The lowest message id of the latest wave that got one, and when that wave began.
    private (long Id, long StartedAt)? _ceiling;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>Recipients per wave: <see cref="BroadcastOptions.WaveSeconds"/> at the bot's rate (the paid broadcast rate when set), at least 1.</summary>
    private int WaveSize
    {
        get
        {
            var limits = botOptions.Value.Limits;
            var rate = limits.Enabled ? limits.EffectiveMessagesPerSecond : 1000;
            return Math.Max(1, (int)Math.Ceiling(rate * _options.WaveSeconds));
        }
    }

    /// <summary>The time a wave takes at the bot's rate (zero without limits): a wave's intent is written only once the limiter can
    /// let it leave at once, so a recipient spends as little time as possible recorded as Sending but not yet sent.</summary>
    private TimeSpan WaveSpacing
    {
        get
        {
            var limits = botOptions.Value.Limits;
            return limits.Enabled ? TimeSpan.FromSeconds(WaveSize / limits.EffectiveMessagesPerSecond) : TimeSpan.Zero;
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Created) return;
        _message = state.State.Message();
        if (state.State.Phase is BroadcastPhase.Running or BroadcastPhase.Paused) await CollectInDoubtAsync();
        await LoadCountsAsync();
        if (state.State.Phase != BroadcastPhase.Running) return;
        try
        {
            StartLoop(await Sender().BeginAsync(Id));
        }
        catch (InvalidOperationException e)
        {
            // Another broadcast of the bot took over meanwhile (this one's registration was lost): wait for the operator.
            state.State.Phase = BroadcastPhase.Paused;
            state.State.LastError = e.Message;
            await state.WriteStateAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        if (_outcomes.Count > 0 && state.State.Created)
        {
            try
            {
                await FlushAsync();
            }
            catch (Exception e)
            {
                // Left in Sending: the next activation resolves them as in doubt.
                BroadcastLog.StepFailed(logger, Id, e.Message, 0);
            }
        }
    }

    public Task KeepAliveAsync()
    {
        if (state.State is { Created: true, Phase: BroadcastPhase.Running }) StartLoop(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task<BroadcastProgress> CreateAsync(BroadcastRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Created) throw new ArgumentException($"Broadcast {Id} exists already.");
        if (request.Message is null) throw new ArgumentException("The broadcast was not created: it has no message.");
        if (request.Message.Problem() is { } problem) throw new ArgumentException($"The broadcast was not created: {problem}");
        foreach (var e in request.Message.Entities ?? [])
            if (BroadcastSender.ParseType(e.Type) is null) throw new ArgumentException($"The broadcast was not created: unknown entity type '{e.Type}'.");
        var botKey = request.BotId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bot = GrainFactory.GetGrain<IBotGrain>(botKey);
        var status = await bot.GetStatusAsync();
        if (!status.Configured) throw new ArgumentException($"The broadcast was not created: there is no bot {request.BotId} in the cluster (configure it first).");

        var buckets = await Task.WhenAll(Enumerable.Range(0, BroadcastKeys.SubscriberBuckets)
            .Select(b => GrainFactory.GetGrain<IBotSubscribersGrain>(BroadcastKeys.Bucket(request.BotId, b)).GetAsync()));
        var active = buckets.SelectMany(b => b.Active).Order().ToList();
        // The subscribers' own messages (their /start) are on the bot's counter too: the first wave's floor.
        var floor = buckets.Max(b => b.MaxMessageId);
        var blocked = buckets.SelectMany(b => b.Blocked).Order().ToList();
        if (active.Count == 0)
            throw new ArgumentException($"The broadcast was not created: bot {request.BotId} has no subscriber to send to ({blocked.Count} blocked it). Users subscribe by starting the bot.");

        var sender = GrainFactory.GetGrain<IBotBroadcastsGrain>(botKey);
        TimeSpan firstWait;
        try
        {
            firstWait = await sender.BeginAsync(Id);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"The broadcast was not created: {e.Message}");
        }
        try
        {
            await StoreAsync(request, active, blocked, floor);
        }
        catch
        {
            state.State = new BroadcastGrainState();
            await sender.EndAsync(Id);
            throw;
        }
        BroadcastLog.Created(logger, Id, request.BotId, active.Count, blocked.Count, state.State.Chunks);
        try
        {
            await GrainFactory.GetGrain<IBroadcastRegistryGrain>(IBroadcastRegistryGrain.Key).AddAsync(Id);
        }
        catch (Exception e)
        {
            // Only the dashboard's list misses it; the broadcast runs.
            BroadcastLog.StepFailed(logger, Id, "listing it for the dashboard failed: " + e.Message, 0);
        }
        await alwaysOn.AddAsync(this.GetGrainId());
        await ShowProgressAsync(force: true);
        StartLoop(firstWait);
        return Progress();
    }

    private async Task StoreAsync(BroadcastRequest request, List<long> active, List<long> blocked, long floor)
    {
        // The recipients first, chunk by chunk; the broadcast exists only once its header is written, so a failure here leaves nothing
        // that runs or shows (unreferenced chunks under an id that is never used again).
        var size = _options.ChunkSize;
        var all = active.Select(u => (User: u, Skipped: false)).Concat(blocked.Select(u => (User: u, Skipped: true))).ToList();
        var chunks = all.Chunk(size).ToList();
        for (var i = 0; i < chunks.Count; i += 16)
            await Task.WhenAll(chunks.Skip(i).Take(16).Select((c, j) => Chunk(i + j).InitializeAsync(
                c.Where(r => !r.Skipped).Select(r => r.User).ToList(), c.Where(r => r.Skipped).Select(r => r.User).ToList())));

        var s = state.State;
        s.BotId = request.BotId;
        s.Text = request.Message.Text ?? "";
        s.Entities = [.. (request.Message.Entities ?? []).Select(e => new StoredEntity { Type = e.Type, Offset = e.Offset, Length = e.Length, Url = e.Url })];
        s.MediaKind = request.Message.MediaKind;
        s.MediaFileId = request.Message.MediaFileId;
        s.Phase = BroadcastPhase.Running;
        s.Total = all.Count;
        s.Chunks = chunks.Count;
        s.CurrentChunk = 0;
        s.CreatedAt = time.GetUtcNow();
        s.ProgressToken = request.Progress?.BotToken;
        s.ProgressChatId = request.Progress?.ChatId;
        s.LastMessageId = floor;
        s.Created = true;
        await state.WriteStateAsync();
        _message = s.Message();
        _lastMessageId = floor;
        _counts.Clear();
        _counts[RecipientState.Pending] = active.Count;
        _counts[RecipientState.Skipped] = blocked.Count;
    }

    public async Task<BroadcastProgress> PauseAsync()
    {
        EnsureCreated();
        if (state.State.Phase == BroadcastPhase.Paused) return Progress();
        EnsureNotFinished("paused");
        await ChangePhaseAsync(BroadcastPhase.Paused);
        await alwaysOn.RemoveAsync(this.GetGrainId());
        await Sender().EndAsync(Id);
        return Progress();
    }

    public async Task<BroadcastProgress> ResumeAsync()
    {
        EnsureCreated();
        if (state.State.Phase == BroadcastPhase.Running) return Progress();
        EnsureNotFinished("resumed");
        var firstWait = await Sender().BeginAsync(Id);
        await alwaysOn.AddAsync(this.GetGrainId());
        await ChangePhaseAsync(BroadcastPhase.Running);
        StartLoop(firstWait);
        return Progress();
    }

    public async Task<BroadcastProgress> CancelAsync()
    {
        EnsureCreated();
        if (state.State.Phase is BroadcastPhase.Cancelled or BroadcastPhase.Completed) return Progress();
        await ChangePhaseAsync(BroadcastPhase.Cancelled);
        await alwaysOn.RemoveAsync(this.GetGrainId());
        await Sender().EndAsync(Id);
        return Progress();
    }

    public Task<BroadcastProgress> GetProgressAsync()
    {
        EnsureCreated();
        return Task.FromResult(Progress());
    }

    public Task<IReadOnlyList<RecipientRecord>> GetRecipientsAsync(int chunk)
    {
        EnsureCreated();
        if (chunk < 0 || chunk >= state.State.Chunks) return Task.FromResult<IReadOnlyList<RecipientRecord>>(new List<RecipientRecord>());
        return Chunk(chunk).GetRecordsAsync();
    }

    public async Task<TimeSpan?> StepAsync()
    {
        if (!state.State.Created || state.State.Phase != BroadcastPhase.Running)
        {
            await FlushAsync();
            return null;
        }
        _client ??= clients.GetClient(await GrainFactory.GetGrain<IBotGrain>(state.State.BotId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetTokenAsync());

        // Paced by waves: the next wave's intent is written when the limiter can send it at once (its burst), not while it would
        // still hold the sends back; a crash then rarely finds a recipient recorded as Sending whose send never left.
        if (_lastWave is { } last && time.GetElapsedTime(last) is var since && since < WaveSpacing) return WaveSpacing - since;
        _lastWave = time.GetTimestamp();

        // Sends in doubt whose ceiling came are looked for before the next wave.
        if (_inDoubt.Count > 0 && _ceiling is { } ceiling && _inDoubt.Any(e => ceiling.StartedAt >= e.NotBefore))
        {
            await LookForInDoubtAsync(ceiling.Id, ceiling.StartedAt);
            return TimeSpan.Zero;
        }

        // The previous wave's outcomes and the next wave's intent in one write.
        var floor = _lastMessageId;
        var next = await Chunk(state.State.CurrentChunk).AdvanceAsync(_outcomes, WaveSize, floor);
        _outcomes = [];
        if (next.Count == 0)
        {
            if (state.State.CurrentChunk + 1 < state.State.Chunks)
            {
                state.State.CurrentChunk++;
                state.State.LastMessageId = _lastMessageId;
                await state.WriteStateAsync();
                return TimeSpan.Zero;
            }
            // Nothing is left to send, so no later message can bound the search for these.
            if (_inDoubt.Count > 0 && await LookWithoutCeilingAsync()) return TimeSpan.Zero;
            await ChangePhaseAsync(BroadcastPhase.Completed);
            await alwaysOn.RemoveAsync(this.GetGrainId());
            await Sender().EndAsync(Id);
            return null;
        }

        Move(RecipientState.Pending, RecipientState.Sending, next.Count);
        var message = _message!;
        var client = _client;
        var startedAt = time.GetTimestamp();
        var results = await Task.WhenAll(next.Select(u => BroadcastSender.SendAsync(client, message, u, CancellationToken.None)));
        _outcomes = results.Select(r => r.Record).ToList();
        var ids = _outcomes.Where(r => r.State == RecipientState.Sent && r.MessageId is not null).Select(r => (long)r.MessageId!.Value).ToList();
        if (ids.Count > 0)
        {
            _lastMessageId = Math.Max(_lastMessageId, ids.Max());
            _ceiling = (ids.Min(), startedAt);
        }
        // No answer: looked for once a wave that began InDoubtSettle later got an id (Telegram may still be making the message).
        var settled = startedAt + (long)(_options.InDoubtSettle.TotalSeconds * time.TimestampFrequency);
        foreach (var r in _outcomes.Where(r => r.State == RecipientState.Sending))
            _inDoubt.Add((new InDoubtProbe.Entry(state.State.CurrentChunk, r.UserId, floor), settled));

        var blocked = new List<long>();
        foreach (var r in _outcomes.Where(r => r.State != RecipientState.Sending))
        {
            Move(RecipientState.Sending, r.State, 1);
            BroadcastMetrics.Count(state.State.BotId, r.State == RecipientState.Pending ? "retried" : r.State.ToString().ToLowerInvariant());
            if (r.State == RecipientState.Blocked) blocked.Add(r.UserId);
            if (r.State is RecipientState.Failed or RecipientState.Pending) state.State.LastError = r.Error;
        }
        _samples.Enqueue((time.GetTimestamp(), results.Count(r => r.Record.State == RecipientState.Sent)));
        if (blocked.Count > 0) await MarkBlockedAsync(blocked);
        await ShowProgressAsync(force: false);

        var wait = results.Max(r => r.RetryAfter);
        if (wait > TimeSpan.Zero) BroadcastLog.FloodWait(logger, Id, (long)wait.TotalMilliseconds);
        return wait;
    }

    private async Task MarkBlockedAsync(List<long> blocked)
    {
        var at = time.GetUtcNow();
        try
        {
            await Task.WhenAll(blocked.GroupBy(u => BroadcastKeys.SubscriberBucket(state.State.BotId, u))
                .Select(g => GrainFactory.GetGrain<IBotSubscribersGrain>(g.Key).MarkBlockedAsync(g.ToList(), at)));
        }
        catch (Exception e)
        {
            // The recipient's outcome (Blocked) is kept regardless; the mark is only what the next broadcast skips.
            BroadcastLog.MarkBlockedFailed(logger, Id, e.Message);
        }
    }

    /// <summary>Writes the outcomes of the last wave (without taking another).</summary>
    private async Task FlushAsync()
    {
        if (_outcomes.Count == 0) return;
        await Chunk(state.State.CurrentChunk).AdvanceAsync(_outcomes, 0, _lastMessageId);
        _outcomes = [];
    }

    /// <summary>On activation: the sends left in Sending by the last one (a crash; a graceful end writes its outcomes) in the chunks
    /// sent so far, and the highest message id known. A send whose intent has no floor (no message id of the bot was known below it:
    /// the bot had seen no message of its subscribers) cannot be looked for: the policy decides for its chunk. The others are looked for with the first ceiling: their connection died with the silo, so any
    /// later send bounds them.</summary>
    private async Task CollectInDoubtAsync()
    {
        _lastMessageId = state.State.LastMessageId;
        var unbounded = new List<int>();
        for (var chunk = 0; chunk <= state.State.CurrentChunk && chunk < state.State.Chunks; chunk++)
        {
            var found = await Chunk(chunk).GetInDoubtAsync();
            _lastMessageId = Math.Max(_lastMessageId, found.MaxMessageId);
            if (found.Sends.Any(s => s.Floor is null or <= 0)) unbounded.Add(chunk);
            else _inDoubt.AddRange(found.Sends.Select(s => (new InDoubtProbe.Entry(chunk, s.UserId, s.Floor!.Value), time.GetTimestamp())));
        }
        if (unbounded.Count > 0) await FallBackAsync(unbounded, "no message id of the bot known below them");
    }

    /// <summary>Looks for the sends in doubt that the ceiling may bound (see <see cref="InDoubtProbe"/>) and records what was found. A
    /// search larger than <see cref="BroadcastOptions.InDoubtProbeLimit"/> falls back to the policy.</summary>
    private async Task LookForInDoubtAsync(long ceiling, long startedAt)
    {
        await FlushAsync();
        var ready = _inDoubt.Where(e => startedAt >= e.NotBefore).Select(e => e.Entry).ToList();
        var chunks = ready.Select(e => e.Chunk).Distinct().ToList();
        var (known, unknownIds) = await KnownIdsAsync(ready, ceiling);
        if (unknownIds * ready.Count > _options.InDoubtProbeLimit)
        {
            await FallBackAsync(chunks, $"{unknownIds} unknown message ids to try for {ready.Count} sends, over Cluster:Broadcasts:InDoubtProbeLimit");
            return;
        }
        var (outcomes, notMade, requests) = await InDoubtProbe.RunAsync(_client!, ready, ceiling, known, CancellationToken.None);
        outcomes.AddRange(notMade.Select(e => (e, new RecipientRecord(e.UserId, RecipientState.Pending,
            Error: $"a send in doubt, not made: no message of the bot in the chat between ids {e.Floor} and {ceiling}; sent again"))));
        await SettleAsync(outcomes, requests);
        if (outcomes.Any(o => o.Outcome.State == RecipientState.Pending))
            await RewindAsync(outcomes.Where(o => o.Outcome.State == RecipientState.Pending).Min(o => o.Entry.Chunk));
    }

    /// <summary>At the end, with no later send to bound them: the sends in doubt are looked for among the unknown ids above their floor,
    /// up to a few waves' worth past the broadcast's last known id (Telegram makes messages about in the order their requests came);
    /// found: Sent. What is not found there cannot be proven absent, and the policy decides.</summary>
    private async Task<bool> LookWithoutCeilingAsync()
    {
        await FlushAsync();
        var entries = _inDoubt.Select(e => e.Entry).ToList();
        var chunks = entries.Select(e => e.Chunk).Distinct().ToList();
        var ceiling = Math.Max(_lastMessageId, entries.Max(e => e.Floor)) + 1 + 3 * WaveSize;
        var (known, unknownIds) = await KnownIdsAsync(entries, ceiling);
        if (_client is not null && unknownIds * entries.Count <= _options.InDoubtProbeLimit)
        {
            try
            {
                var (outcomes, _, requests) = await InDoubtProbe.RunAsync(_client, entries, ceiling, known, CancellationToken.None);
                await SettleAsync(outcomes, requests);
            }
            catch (Exception e) when (e is RequestException or ArgumentException)
            {
                BroadcastLog.StepFailed(logger, Id, "looking for sends in doubt failed: " + e.Message, 0);
            }
        }
        return await FallBackAsync(chunks, $"not found among the message ids up to {ceiling}, and no later send of the broadcast to prove it absent");
    }

    /// <summary>The message ids of this broadcast's recorded sends between the entries' lowest floor and the ceiling (they belong to
    /// other recipients: not tried), and how many ids of that range are left to try.</summary>
    private async Task<(HashSet<long> Known, long Unknown)> KnownIdsAsync(IReadOnlyList<InDoubtProbe.Entry> entries, long ceiling)
    {
        var floor = entries.Min(e => e.Floor);
        var known = new HashSet<long>();
        for (var chunk = entries.Min(e => e.Chunk); chunk <= state.State.CurrentChunk; chunk++)
            foreach (var r in await Chunk(chunk).GetRecordsAsync())
                if (r.MessageId is { } id && id > floor && id < ceiling) known.Add(id);
        return (known, Math.Max(0, ceiling - floor - 1 - known.Count));
    }

    /// <summary>Records what a search found (Sent with its id, Blocked, or Pending to send again) and counts it.</summary>
    private async Task SettleAsync(List<(InDoubtProbe.Entry Entry, RecipientRecord Outcome)> outcomes, int requests)
    {
        foreach (var group in outcomes.GroupBy(o => o.Entry.Chunk))
            await Chunk(group.Key).SettleInDoubtAsync(group.Select(o => o.Outcome).ToList());
        _inDoubt.RemoveAll(e => outcomes.Any(o => o.Entry == e.Entry));
        var blocked = new List<long>();
        foreach (var (_, outcome) in outcomes)
        {
            Move(RecipientState.Sending, outcome.State, 1);
            if (outcome.State == RecipientState.Blocked) blocked.Add(outcome.UserId);
        }
        var found = outcomes.Count(o => o.Outcome.State == RecipientState.Sent);
        var missing = outcomes.Count(o => o.Outcome.State == RecipientState.Pending);
        BroadcastLog.InDoubtProbed(logger, Id, outcomes.Count, requests, found, missing, blocked.Count);
        BroadcastMetrics.Count(state.State.BotId, "in_doubt_found", found);
        BroadcastMetrics.Count(state.State.BotId, "in_doubt_resent", missing);
        if (blocked.Count > 0) await MarkBlockedAsync(blocked);
    }

    /// <summary>The policy for sends in doubt that cannot be looked for, in <paramref name="chunks"/> (every recipient left in Sending
    /// there): Unconfirmed (Skip) or Pending again (Resend). True when some are to be sent
    /// again (the broadcast goes back to their chunk).</summary>
    private async Task<bool> FallBackAsync(IReadOnlyList<int> chunks, string why)
    {
        await FlushAsync();
        var resend = _options.InDoubt == BroadcastInDoubtPolicy.Resend;
        var total = 0;
        foreach (var chunk in chunks) total += await Chunk(chunk).ResolveInDoubtAsync(resend);
        // Every recipient in Sending in those chunks was settled, also any other send in doubt there.
        _inDoubt.RemoveAll(e => chunks.Contains(e.Entry.Chunk));
        if (total == 0) return false;
        Move(RecipientState.Sending, resend ? RecipientState.Pending : RecipientState.Unconfirmed, total);
        BroadcastLog.InDoubtResolved(logger, Id, total, (resend ? "pending (resend)" : "unconfirmed (not sent again)") + ": " + why);
        if (!resend) BroadcastMetrics.Count(state.State.BotId, "unconfirmed", total);
        if (resend) await RewindAsync(chunks.Min());
        return resend;
    }

    /// <summary>Goes back to an earlier chunk that has recipients pending again (its cursor was moved back by the chunk).</summary>
    private async Task RewindAsync(int chunk)
    {
        if (chunk >= state.State.CurrentChunk) return;
        state.State.CurrentChunk = chunk;
        state.State.LastMessageId = _lastMessageId;
        await state.WriteStateAsync();
    }

    private async Task ChangePhaseAsync(BroadcastPhase phase)
    {
        await FlushAsync();
        state.State.Phase = phase;
        if (phase is BroadcastPhase.Completed or BroadcastPhase.Cancelled) state.State.FinishedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        var p = Progress();
        BroadcastLog.PhaseChanged(logger, Id, phase.ToString().ToLowerInvariant(), p.Sent, p.Failed, p.Blocked, p.Unconfirmed, p.Pending);
        await ShowProgressAsync(force: true);
    }

    private async Task LoadCountsAsync()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, state.State.Chunks).Select(c => Chunk(c).GetCountsAsync()));
        _counts.Clear();
        foreach (var chunk in counts)
            foreach (var (s, n) in chunk)
                _counts[s] = _counts.GetValueOrDefault(s) + n;
    }

    private void Move(RecipientState from, RecipientState to, int n)
    {
        _counts[from] = _counts.GetValueOrDefault(from) - n;
        _counts[to] = _counts.GetValueOrDefault(to) + n;
    }

    private BroadcastProgress Progress()
    {
        var s = state.State;
        int C(RecipientState r) => _counts.GetValueOrDefault(r);
        var pending = C(RecipientState.Pending) + C(RecipientState.Sending);
        var now = time.GetTimestamp();
        while (_samples.Count > 0 && time.GetElapsedTime(_samples.Peek().At, now) > TimeSpan.FromSeconds(RateWindowSeconds)) _samples.Dequeue();
        double rate = 0;
        if (_samples.Count > 0 && s.Phase == BroadcastPhase.Running)
        {
            var span = Math.Max(1, time.GetElapsedTime(_samples.Peek().At, now).TotalSeconds);
            rate = _samples.Sum(x => x.Sent) / span;
        }
        TimeSpan? eta = s.Phase == BroadcastPhase.Running && rate > 0 ? TimeSpan.FromSeconds(pending / rate) : null;
        return new BroadcastProgress(Id, s.BotId, s.Phase, s.Total, C(RecipientState.Sent), C(RecipientState.Failed),
            C(RecipientState.Blocked) + C(RecipientState.Skipped), C(RecipientState.Unconfirmed), pending, Math.Round(rate, 1), eta, s.CreatedAt,
            s.FinishedAt, s.LastError);
    }

    /// <summary>Sends the progress message the first time, edits it afterwards (every <see cref="BroadcastOptions.ProgressInterval"/>
    /// while sending, and on every change of phase). Failures are logged; the broadcast goes on.</summary>
    private async Task ShowProgressAsync(bool force)
    {
        var s = state.State;
        if (s.ProgressToken is null || s.ProgressChatId is not { } chat) return;
        if (!force && time.GetElapsedTime(_lastProgressEdit) < _options.ProgressInterval) return;
        _lastProgressEdit = time.GetTimestamp();
        var p = Progress();
        var text = BroadcastProgressText.Format(p);
        var buttons = BroadcastProgressText.Buttons(p);
        var keyboard = buttons.Count == 0 ? null : new InlineKeyboardMarkup(buttons.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Command)));
        try
        {
            var admin = clients.GetClient(s.ProgressToken);
            if (s.ProgressMessageId is { } id)
            {
                await admin.EditMessageText(chat, id, text, replyMarkup: keyboard);
                return;
            }
            var sent = await admin.SendMessage(chat, text, replyMarkup: keyboard);
            s.ProgressMessageId = sent.MessageId;
            await state.WriteStateAsync();
        }
        catch (ApiRequestException e) when (BotApiErrors.IsNotModified(e))
        {
        }
        catch (Exception e) when (e is RequestException or ArgumentException)
        {
            BroadcastLog.ProgressFailed(logger, Id, e.Message);
        }
    }

    /// <summary>Starts the sending loop unless it runs; its first step after <paramref name="firstWait"/>.</summary>
    private void StartLoop(TimeSpan firstWait)
    {
        if (_loop is { IsCompleted: false }) return;
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        var self = this.AsReference<IBroadcastGrain>();
        var token = _stop.Token;
        _loop = Task.Run(() => LoopAsync(self, firstWait, token));
    }

    private async Task StopLoopAsync()
    {
        if (_stop is null || _loop is null) return;
        await _stop.CancelAsync();
        // The loop may wait for a step queued behind this very turn: wait a bounded time.
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(3), time));
        _stop.Dispose();
        _stop = null;
        _loop = null;
    }

    private async Task LoopAsync(IBroadcastGrain self, TimeSpan firstWait, CancellationToken cancellationToken)
    {
        BroadcastMetrics.LoopStarted();
        try
        {
            if (firstWait > TimeSpan.Zero)
            {
                try { await Task.Delay(firstWait, time, cancellationToken); }
                catch (OperationCanceledException) { return; }
            }
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan? wait;
                try
                {
                    wait = await self.StepAsync();
                    failures = 0;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    wait = _options.ErrorDelay * Math.Pow(2, Math.Min(failures++, 5));
                    if (wait > TimeSpan.FromSeconds(30)) wait = TimeSpan.FromSeconds(30);
                    BroadcastLog.StepFailed(logger, Id, e.Message, (long)wait.Value.TotalMilliseconds);
                }
                if (wait is null) return;
                if (wait > TimeSpan.Zero)
                {
                    try { await Task.Delay(wait.Value, time, cancellationToken); }
                    catch (OperationCanceledException) { return; }
                }
            }
        }
        finally
        {
            BroadcastMetrics.LoopEnded();
        }
    }

    private IBotBroadcastsGrain Sender() => GrainFactory.GetGrain<IBotBroadcastsGrain>(state.State.BotId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private IBroadcastChunkGrain Chunk(int n) => GrainFactory.GetGrain<IBroadcastChunkGrain>(BroadcastKeys.Chunk(Id, n));

    private void EnsureCreated()
    {
        if (!state.State.Created) throw new KeyNotFoundException($"There is no broadcast {Id}.");
    }

    private void EnsureNotFinished(string verb)
    {
        if (state.State.Phase is BroadcastPhase.Cancelled or BroadcastPhase.Completed)
            throw new InvalidOperationException($"Broadcast {Id} is {state.State.Phase.ToString().ToLowerInvariant()}; it cannot be {verb}.");
    }
}

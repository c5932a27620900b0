using System.Security.Cryptography;
using System.Threading.Channels;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;
using Cluster.Grains.Diagnostics;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Accounts;

/// <summary>One Telegram user account: owns its <see cref="IAccountClient"/> and its session (restored from the grain's
/// "session" state before connecting, saved after a log-in and on disconnect), pumps its updates to the pairs subscribed
/// to each source chat, and sends for those pairs. A flood wait becomes a stored cooldown plus a timer, never a wait
/// inside a turn; status queries interleave. Placed by free "sessions" capacity, and opens its session only on one of its
/// silo's session slots (<see cref="ISessionSlots"/>): without one it waits as Queued, and it gives the slot back (closing its
/// session) when the silo recalls it, for a premium account or to move to a silo with room.</summary>
[GrainType("account")]
[SessionCapacityPlacement]
public sealed partial class AccountGrain(
    [PersistentState("account")] IPersistentState<AccountGrainState> state,
    [PersistentState("session")] IPersistentState<AccountSessionState> session,
    IAccountClientFactory clientFactory,
    SessionArchive sessionArchive,
    ApiHashProtector apiHashProtector,
    IAlwaysOnRegistry alwaysOn,
    ISessionLeases leases,
    ISessionSlots slots,
    IOptions<AccountOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IAlwaysOnGrain
{
    /// <summary>The keeper's call: being activated (or kept from idle collection) is all it asks.</summary>
    public Task KeepAliveAsync() => Task.CompletedTask;

    private readonly AccountOptions _options = options.Value;
    private readonly CooldownPolicy _cooldowns = new(options.Value);
    private SendLimitCounter _limits = null!;
    private string _apiHash = "";
    private IAccountClient? _client;
    private string? _sessionDirectory;
    private bool _connectionReady;
    private CancellationTokenSource? _pumpStop;
    private Task? _pump;
    private IGrainTimer? _housekeeping;
    private IGrainTimer? _cooldownTimer;
    private ISessionLease? _lease;
    private IGrainTimer? _leaseLostTimer;
    private ISessionSlot? _slot;
    private IGrainTimer? _slotTimer;
    private bool _moving;
    private bool _dirty;
    private AccountSummary? _lastPublished;

    // Read by the pump outside turns; replaced (never mutated) inside turns.
    private volatile IReadOnlyDictionary<long, string[]> _routes = new Dictionary<long, string[]>();

    private string AccountId => this.GetPrimaryKeyString();

    /// <summary>The silo is shutting down: no deliveries or registry pushes to grains that are being handed over too.</summary>
    private bool Stopping => lifetime.ApplicationStopping.IsCancellationRequested;
    private AccountGrainState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Moved to another silo (grain migration), the account reads its states there from the database, where its
        // deactivation wrote them: they have JSON contracts, not the Orleans codecs a migration would carry them with.
        foreach (var stored in new object[] { state, session })
            if (stored is IGrainMigrationParticipant participant) GrainContext.ObservableLifecycle.RemoveMigrationParticipant(participant);
        _limits = new SendLimitCounter(clock, S.SendCounters);
        _activity = new HourlyActivity(clock, S.RecentHours);
        _apiHash = ReadApiHash();
        RebuildRoutes();
        _housekeeping = this.RegisterGrainTimer(HousekeepingAsync, _options.HousekeepingInterval, _options.HousekeepingInterval);
        if (S.RunRequested && S.Configuration is { Enabled: true } && S.Phase.State != AccountState.Banned)
        {
            // Re-activated after a crash, a move or a restart of the cluster: reconnect from the stored session.
            TryMove(new AccountTrigger.Start());
            try
            {
                await ConnectAsync(cancellationToken);
                await SaveAsync();
            }
            catch
            {
                // A failed activation is never deactivated (its silo died mid-activation, say): close the session
                // it opened, or it stays connected from here while another silo activates the account (AUTH_KEY_DUPLICATED).
                await DisconnectAsync(saveSession: false);
                throw;
            }
        }
        else if (S.Phase.State is AccountState.Connecting or AccountState.Active or AccountState.Cooldown or AccountState.WaitingForLogin or AccountState.Queued)
        {
            // Stored as running but not wanted running (stopped, disabled): no connection exists in this activation.
            TryMove(new AccountTrigger.Stop());
            await SaveAsync();
        }
        ScheduleCooldownTimer();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _housekeeping?.Dispose();
        _cooldownTimer?.Dispose();
        // A deleted account writes nothing more; a stale activation's write is refused by its ETag.
        var mayWrite = !_deleted;
        await DisconnectAsync(saveSession: mayWrite);
        if (mayWrite) await SaveAsync();
    }

    public async Task<AccountStatus> ConfigureAsync(AccountConfiguration configuration)
    {
        Validate(configuration);
        _deleted = false; // configured again after a DeleteAsync in this same activation: a new account
        var old = S.Configuration;
        var phoneChanged = old is not null && old.PhoneNumber != configuration.PhoneNumber;
        var credentialsChanged = old is null || old.ApiId != configuration.ApiId || _apiHash != configuration.ApiHash || phoneChanged;
        if (credentialsChanged || S.Phase.State == AccountState.Banned)
        {
            await DisconnectAsync(saveSession: !phoneChanged);
            Move(new AccountTrigger.Reconfigured());
            state.State = S with { ActiveSince = null };
        }
        // Another phone number is another Telegram account: its session must not be reused.
        if (phoneChanged && session.RecordExists) await session.ClearStateAsync();
        _apiHash = configuration.ApiHash;
        state.State = S with
        {
            Configuration = configuration with { ApiHash = "" },
            ProtectedApiHash = apiHashProtector.Protect(AccountId, configuration.ApiHash),
            RunRequested = S.RunRequested && configuration.Enabled,
        };
        if (!configuration.Enabled && (_client is not null || _slot is not null))
        {
            await DisconnectAsync(saveSession: true);
            Move(new AccountTrigger.Stop());
        }
        else if (_slot is { IsHeld: false, Recall: null } waiting && waiting.Premium != configuration.IsPremium)
        {
            // Made premium (or no longer) while waiting: wait again with the new priority.
            _slot = null;
            waiting.Dispose();
            HoldsSlot();
        }
        await SaveAsync();
        await UpdateAlwaysOnAsync();
        return Status();
    }

    public async Task<AccountStatus> StartAsync()
    {
        var configuration = S.Configuration ?? throw new InvalidOperationException($"Account {AccountId} is not configured; configure api_id and api_hash first.");
        if (!configuration.Enabled) throw new InvalidOperationException($"Account {AccountId} is disabled; enable it in its configuration first.");
        Move(new AccountTrigger.Start());
        state.State = S with { RunRequested = true };
        if (_client is null) await ConnectAsync(CancellationToken.None);
        await SaveAsync();
        await UpdateAlwaysOnAsync();
        return Status();
    }

    public async Task<AccountStatus> StopAsync()
    {
        await DisconnectAsync(saveSession: true);
        TryMove(new AccountTrigger.Stop());
        state.State = S with { RunRequested = false, ActiveSince = null };
        await SaveAsync();
        await UpdateAlwaysOnAsync();
        return Status();
    }

    public async Task<AccountStatus> RestartAsync()
    {
        // The slot is kept: a restart does not send the account to the back of its silo's queue.
        await DisconnectAsync(saveSession: true, keepSlot: true);
        TryMove(new AccountTrigger.Stop());
        state.State = S with { Restarts = S.Restarts + 1, ActiveSince = null };
        return await StartAsync();
    }

    public Task<LoginResult> SubmitPhoneNumberAsync(string phoneNumber)
        => LoginStepAsync(LoginStep.PhoneNumber, (c, ct) => c.SubmitPhoneNumberAsync(phoneNumber, ct));

    public Task<LoginResult> SubmitCodeAsync(string code)
        => LoginStepAsync(LoginStep.Code, (c, ct) => c.SubmitCodeAsync(code, ct));

    public Task<LoginResult> SubmitPasswordAsync(string password)
        => LoginStepAsync(LoginStep.Password, (c, ct) => c.SubmitPasswordAsync(password, ct));

    public Task<AccountStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<ChatResolution> SubscribeAsync(SubscriptionRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PairId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SourceChatReference);
        var outcome = await CallAsync(async (c, ct) => await c.JoinChatAsync(request.SourceChatReference, ct));
        if (outcome.Error is not null) return ChatResolution.Refused(outcome.Status, outcome.Error, outcome.RetryAt);
        var chat = AccountMessageMapper.ToGrain(outcome.Value!);
        var subscriptions = S.Subscriptions.Where(s => s.PairId != request.PairId)
            .Append(new AccountSubscription(request.PairId, chat.ChatId, chat.Title)).ToList();
        state.State = S with { Subscriptions = subscriptions };
        RebuildRoutes();
        await SaveAsync();
        return ChatResolution.Ok(chat);
    }

    public async Task UnsubscribeAsync(string pairId)
    {
        if (S.Subscriptions.All(s => s.PairId != pairId)) return;
        state.State = S with { Subscriptions = S.Subscriptions.Where(s => s.PairId != pairId).ToList() };
        RebuildRoutes();
        await SaveAsync();
    }

    public async Task<ChatResolution> ResolveChatAsync(string reference, bool join)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var outcome = await CallAsync((c, ct) => join ? c.JoinChatAsync(reference, ct) : c.ResolveChatAsync(reference, ct));
        return outcome.Error is null
            ? ChatResolution.Ok(AccountMessageMapper.ToGrain(outcome.Value!))
            : ChatResolution.Refused(outcome.Status, outcome.Error, outcome.RetryAt);
    }

    public async Task<HistoryResult> GetHistoryAsync(HistoryRequest request)
    {
        var outcome = await CallAsync((c, ct) => c.GetHistoryAsync(request.ChatId, request.AfterMessageId, request.Limit, ct));
        return outcome.Error is null
            ? HistoryResult.Ok(outcome.Value!.Select(m => AccountMessageMapper.ToSource(m)).ToList())
            : HistoryResult.Refused(outcome.Status, outcome.Error, outcome.RetryAt);
    }

    public async Task<HistoryResult> GetRecentMessagesAsync(RecentMessagesRequest request)
    {
        var outcome = await CallAsync((c, ct) => c.GetRecentMessagesAsync(request.ChatId, Math.Clamp(request.Limit, 1, 100), ct));
        return outcome.Error is null
            ? HistoryResult.Ok(outcome.Value!.Select(m => AccountMessageMapper.ToSource(m)).ToList())
            : HistoryResult.Refused(outcome.Status, outcome.Error, outcome.RetryAt);
    }

    public Task<SendResult> ForwardAsync(ForwardRequest request)
    {
        var captions = request.NewCaptions?.ToDictionary(kv => kv.Key, kv => AccountMessageMapper.ToPort(kv.Value));
        // Telegram forwards no reply: a reply is only asked of copies.
        var forwardOptions = new ForwardOptions(request.SendCopy, captions, request.SendCopy ? request.ReplyToMessageId : null);
        return SendAsync(request.MessageIds.Count, countsAgainstLimits: true,
            async (c, ct) => (await c.ForwardMessagesAsync(request.ToChatId, request.FromChatId, request.MessageIds, forwardOptions, ct))
                .Select(AccountMessageMapper.ToRef).ToList());
    }

    public Task<SendResult> SendTextAsync(SendTextRequest request)
        => SendAsync(1, countsAgainstLimits: true,
            async (c, ct) => [AccountMessageMapper.ToRef(await c.SendTextAsync(request.ChatId, AccountMessageMapper.ToPort(request.Text), request.ReplyToMessageId, ct))]);

    public async Task<DirectMessageResult> SendDirectAsync(DirectMessageRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Recipient);
        if (request.Copy is { } copy) copy.Validate();
        else if (request.Text.IsEmpty) throw new ArgumentException("The message text is empty.", nameof(request));
        var messages = request.Copy?.MessageIds.Count ?? 1;
        if (await ReserveSendsAsync(messages) is { } refused) return DirectMessageResult.Refused(refused.Status, refused.Error!, refused.RetryAt);
        var text = AccountMessageMapper.ToPort(request.Text);
        var outcome = await CallAsync(async (c, ct) =>
        {
            var user = await c.ResolveUserAsync(request.Recipient, ct);
            if (request.Copy is not { } post) return AccountMessageMapper.ToRef(await c.SendTextAsync(user.Id, text, null, ct));
            // A copy of the post (an album together), the caption of its first message replaced when a text is given.
            var source = await PostChatAsync(c, post, ct);
            var captions = request.Text.IsEmpty ? null : new Dictionary<long, FormattedText> { [post.MessageIds.Min()] = text };
            IReadOnlyList<AccountMessage> sent;
            try
            {
                sent = await c.ForwardMessagesAsync(user.Id, source.Id, post.MessageIds, new ForwardOptions(SendCopy: true, captions, null), ct);
            }
            catch (TelegramAccountException e) when (IsMessageMissing(e))
            {
                throw new PostUnavailableException(post, e.TelegramMessage);
            }
            return AccountMessageMapper.ToRef(sent[0]);
        }, peerFloodCoolsDown: false);
        if (outcome.Error is not null)
        {
            if (outcome.Status is AccountCallStatus.Failed or AccountCallStatus.Forbidden or AccountCallStatus.NotFound) CountFailure();
            return DirectMessageResult.Refused(outcome.Status, outcome.Error, outcome.RetryAt, outcome.Problem);
        }
        CountSent(messages);
        return DirectMessageResult.Ok(outcome.Value);
    }

    public async Task<DirectMessageResult> FindDirectAsync(DirectMessageLookup lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lookup.Recipient);
        // Telegram dates have whole seconds: a message sent in the second the send began is dated before it.
        var notBefore = lookup.NotBefore - TimeSpan.FromSeconds(1);
        var outcome = await CallAsync(async (c, ct) =>
        {
            var user = await c.ResolveUserAsync(lookup.Recipient, ct);
            var recent = await c.GetRecentMessagesAsync(user.Id, 100, ct);
            return recent.FirstOrDefault(m => m.IsOutgoing && m.Date >= notBefore && AccountMessageMapper.ToGrain(m.Media) == lookup.Media && (lookup.AnyText || m.Text.Text == lookup.Text.Text));
        });
        if (outcome.Error is not null) return DirectMessageResult.Refused(outcome.Status, outcome.Error, outcome.RetryAt, outcome.Problem);
        return DirectMessageResult.Ok(outcome.Value is { } found ? AccountMessageMapper.ToRef(found) : null);
    }

    /// <summary>The chat of a post; <see cref="PostUnavailableException"/> when the account cannot see it.</summary>
    private static async Task<ChatInfo> PostChatAsync(IAccountClient client, PostReference post, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ResolveChatAsync(post.Chat, cancellationToken);
        }
        catch (Exception e) when (e is ChannelPrivateException or ChatNotFoundException or UsernameNotOccupiedException)
        {
            throw new PostUnavailableException(post, ((TelegramAccountException)e).TelegramMessage);
        }
    }

    private static bool IsMessageMissing(TelegramAccountException e)
        => e is ChatNotFoundException
           || e.TelegramMessage.Contains("MESSAGE_ID_INVALID", StringComparison.OrdinalIgnoreCase)
           || e.TelegramMessage.Contains("message not found", StringComparison.OrdinalIgnoreCase);

    public Task<SendResult> EditTextAsync(EditTextRequest request)
        => SendAsync(1, countsAgainstLimits: false,
            async (c, ct) =>
            {
                try
                {
                    return [AccountMessageMapper.ToRef(await c.EditTextAsync(request.ChatId, request.MessageId, AccountMessageMapper.ToPort(request.Text), ct))];
                }
                catch (TelegramAccountException e) when (IsNotModified(e))
                {
                    // The message shows this text already (an edit mirrored again after a failover, or a source edit the
                    // pair's replacements make invisible): the edit is done, not failed.
                    return [new MessageRef(request.ChatId, request.MessageId)];
                }
            },
            edit: true);

    private static bool IsNotModified(TelegramAccountException e)
        => e.TelegramMessage.Contains("MESSAGE_NOT_MODIFIED", StringComparison.OrdinalIgnoreCase)
           || e.TelegramMessage.Contains("not modified", StringComparison.OrdinalIgnoreCase);

    public Task<SendResult> DeleteMessagesAsync(DeleteMessagesRequest request)
        => SendAsync(request.MessageIds.Count, countsAgainstLimits: false,
            async (c, ct) =>
            {
                await c.DeleteMessagesAsync(request.ChatId, request.MessageIds, ct);
                return request.MessageIds.Select(id => new MessageRef(request.ChatId, id)).ToList();
            },
            delete: true);

    // ---- connection ----

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // No slot free on this silo: wait as Queued, without holding up the grain's turns (SlotChangedAsync connects).
        if (!HoldsSlot()) return;
        var configuration = S.Configuration!;
        // A fresh folder per connection, filled only from the stored session: what the account runs with is exactly what
        // the cluster database holds, on whichever silo it is activated.
        var directory = Path.Combine(_options.SessionRoot, $"{SafeName(AccountId)}-{Guid.NewGuid():N}");
        try
        {
            RestoreSession(directory);
        }
        catch (SessionArchiveException e)
        {
            HandleFailure(new InvalidOperationException($"the stored session cannot be restored: {e.Message}"));
            DeleteDirectory(directory);
            // A lease taken again after a loss (LeaseLostAsync) is not kept for a session that does not connect.
            if (_lease is { } taken)
            {
                _lease = null;
                await taken.DisposeAsync();
            }
            return;
        }
        _sessionDirectory = directory;
        _connectionReady = false;
        // The session is used from this activation only while it holds the session's lease: a new activation waits here for
        // an old one's lease (a dead or frozen silo's) to run out, so Telegram never sees the session used twice.
        if (_lease is null) Hold(await leases.AcquireAsync(SessionKey, cancellationToken));
        var held = _lease!;
        var client = clientFactory.Create(new AccountConnection(AccountId, configuration.ApiId, _apiHash, configuration.PhoneNumber, directory,
            () => held.Remaining));
        _client = client;
        try
        {
            using var timeout = Timeout(cancellationToken);
            var authorization = await client.StartAsync(timeout.Token);
            if (authorization == AuthorizationState.WaitPhoneNumber && configuration.PhoneNumber is { Length: > 0 } phone)
                authorization = await client.SubmitPhoneNumberAsync(phone, timeout.Token);
            await ApplyAuthorizationAsync(authorization);
            _pumpStop = new CancellationTokenSource();
            var stop = _pumpStop.Token;
            // Captured in the turn: the lanes run outside it, where Orleans refuses access to the activation's services.
            var grains = GrainFactory;
            var lanes = new PairDeliveryLanes(
                pairId => grains.GetGrain<IChannelPairGrain>(pairId),
                (pairId, e) => AccountGrainLog.DeliveryFailed(logger, AccountId, pairId, e),
                () => Stopping,
                _options.MaxDeliveryBatch,
                _options.DeliveryRetryWindow,
                (pairId, attempt, e) => AccountGrainLog.DeliveryRetry(logger, AccountId, pairId, attempt, e.Message));
            _pump = Task.Run(() => PumpAsync(client, lanes, stop), CancellationToken.None);
        }
        catch (Exception e) when (e is TelegramAccountException or OperationCanceledException or HttpRequestException)
        {
            HandleFailure(e);
            await DisconnectAsync(saveSession: false);
        }
    }

    /// <summary>Uses <paramref name="lease"/> for this activation's session: when it is lost, the client is closed at once
    /// and <see cref="LeaseLostAsync"/> runs.</summary>
    private void Hold(ISessionLease lease)
    {
        _lease = lease;
        _leaseLostTimer ??= this.RegisterGrainTimer(LeaseLostAsync, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        var timer = _leaseLostTimer;
        lease.Lost.Register(() =>
        {
            // Close at once, outside any turn (a turn may be waiting on Telegram); the timer's turn then tidies up.
            if (_client is { } open) _ = open.DisposeAsync().AsTask();
            try { timer.Change(TimeSpan.Zero, System.Threading.Timeout.InfiniteTimeSpan); }
            catch (ObjectDisposedException) { } // deactivated meanwhile
        });
    }

    /// <summary>Closes the client and, when asked, stores its session; gives the session slot back (or leaves the queue)
    /// unless <paramref name="keepSlot"/>. The pump is told to stop but not awaited: it may be inside a call to a pair that
    /// is itself waiting for this account (a turn cannot wait for that without a deadlock). A delivery it still makes is
    /// harmless; the pair's checkpoint drops repeats.</summary>
    private async Task DisconnectAsync(bool saveSession, bool keepSlot = false)
    {
        var client = _client;
        var directory = _sessionDirectory;
        var wasReady = _connectionReady;
        _client = null;
        _sessionDirectory = null;
        _connectionReady = false;
        if (_pumpStop is not null)
        {
            await _pumpStop.CancelAsync();
            _pumpStop.Dispose();
            _pumpStop = null;
        }
        _pump = null;
        if (client is not null)
        {
            try { await client.DisposeAsync(); }
            catch (Exception e) when (e is TelegramAccountException or HttpRequestException or OperationCanceledException or IOException)
            {
                AccountGrainLog.Failed(logger, AccountId, $"closing the session: {e.Message}");
            }
        }
        if (_lease is { } lease)
        {
            _lease = null;
            await lease.DisposeAsync();
        }
        if (!keepSlot && _slot is { } slot)
        {
            // The session is closed: the slot goes to the head of the silo's queue.
            _slot = null;
            slot.Dispose();
        }
        if (directory is null) return;
        // Pack only a closed session (TDLib writes its files while it runs); a session that never logged in is not worth keeping.
        if (saveSession && wasReady) await SaveSessionAsync(directory);
        DeleteDirectory(directory);
    }

    private string SessionKey => $"account/{AccountId}";

    private bool WantsToRun => S.RunRequested && S.Configuration is { Enabled: true } && S.Phase.State != AccountState.Banned;

    /// <summary>Whether this activation holds one of its silo's session slots, asking for one when it has not asked yet.
    /// Without one the account is Queued; the silo tells it when a slot is handed to it (or recalled) through a callback
    /// that fires the slot timer, whose turn (<see cref="SlotChangedAsync"/>) connects or gives the slot back.</summary>
    private bool HoldsSlot()
    {
        if (_slot is null)
        {
            _slotTimer ??= this.RegisterGrainTimer(SlotChangedAsync, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
            var timer = _slotTimer;
            _slot = slots.Request(SessionKey, S.Configuration?.IsPremium == true, () =>
            {
                try { timer.Change(TimeSpan.Zero, System.Threading.Timeout.InfiniteTimeSpan); }
                catch (ObjectDisposedException) { } // deactivated meanwhile
            });
        }
        if (_slot.IsHeld && _slot.Recall is null) return true;
        TryMove(new AccountTrigger.Queued());
        return false;
    }

    /// <summary>A turn after the silo handed this account a slot (it connects) or recalled it: the session is closed and
    /// stored, then the account waits in the queue again (a premium account took the slot) or moves to the silo that
    /// pulled it (grain migration with that silo as the placement hint; it connects there on activation).</summary>
    private async Task SlotChangedAsync(CancellationToken cancellationToken)
    {
        if (_slot is not { } slot) return;
        if (slot.Recall is { } recall)
        {
            await DisconnectAsync(saveSession: true);
            if (!WantsToRun)
            {
                await SaveAsync();
                return;
            }
            TryMove(new AccountTrigger.Queued());
            if (recall is { Reason: SessionSlotRecallReason.Move, MoveTo: { } target })
            {
                await SaveAsync();
                AccountGrainLog.Moving(logger, AccountId, target.ToString());
                _moving = true;
                GrainContext.Migrate(new Dictionary<string, object> { [Orleans.Runtime.Placement.IPlacementDirector.PlacementHintKey] = target });
                return;
            }
            // Preempted: wait again, ahead of the accounts that came after this one.
            HoldsSlot();
            await SaveAsync();
            return;
        }
        // A slot freed while the silo shuts down is not used: the account comes back on another silo.
        if (slot.IsHeld && _client is null && WantsToRun && S.Phase.State == AccountState.Queued && !Stopping && !_moving)
        {
            TryMove(new AccountTrigger.Start());
            await ConnectAsync(cancellationToken);
            await SaveAsync();
        }
    }

    /// <summary>A turn after the session lease was lost (its renewals were late: the silo paused, or the database was slow or
    /// gone): the session is already closed. The lease is released and, if nobody else took it meanwhile, taken again at
    /// once, and the account connects again here, on the session slot it kept: a pause of its silo does not send it
    /// elsewhere (the keeper would activate it on whichever silo has the most free slots, an unplanned move that the
    /// rebalancers then even out with more). Only when the lease cannot be taken again (another holder has it, the
    /// database cannot be reached) does this activation step down, and the keeper activates the account again once a
    /// lease can be taken.</summary>
    private async Task LeaseLostAsync(CancellationToken cancellationToken)
    {
        if (_lease is null || _lease.IsValid) return;
        // Closed (the client was disposed when the lease was lost), the lease released; the slot is kept for now.
        await DisconnectAsync(saveSession: false, keepSlot: true);
        // Recalled meanwhile (to move, or for a premium account): the slot's own turn carries that out.
        if (_slot is { Recall: not null }) return;
        if (WantsToRun && !Stopping && !_moving && _slot is { IsHeld: true })
        {
            ISessionLease? lease = null;
            try
            {
                using var timeout = Timeout(cancellationToken);
                lease = await leases.TryAcquireAsync(SessionKey, timeout.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                AccountGrainLog.Failed(logger, AccountId, $"the session lease could not be taken again: {e.Message}");
            }
            if (lease is not null)
            {
                AccountGrainLog.Failed(logger, AccountId, "the session lease was lost; the session was closed and connects again on this silo");
                Hold(lease);
                await ConnectAsync(cancellationToken);
                await SaveAsync();
                return;
            }
        }
        AccountGrainLog.Failed(logger, AccountId, "the session lease was lost; the session is closed and the account steps down");
        await DisconnectAsync(saveSession: false);
        this.DeactivateOnIdle();
    }

    private void RestoreSession(string directory)
    {
        DeleteDirectory(directory);
        if (session.State.Blob is { Length: > 0 } blob) sessionArchive.Restore(AccountId, blob, directory);
        else Directory.CreateDirectory(directory);
    }

    private async Task SaveSessionAsync(string directory)
    {
        if (!Directory.Exists(directory)) return;
        session.State = new AccountSessionState { Blob = sessionArchive.Pack(AccountId, directory), SavedAt = clock.GetUtcNow() };
        await session.WriteStateAsync();
    }

    private async Task ApplyAuthorizationAsync(AuthorizationState authorization)
    {
        switch (authorization)
        {
            case AuthorizationState.Ready:
                Move(new AccountTrigger.LoggedIn());
                state.State = S with { ActiveSince = S.ActiveSince ?? clock.GetUtcNow() };
                if (!_connectionReady && _client is not null && _sessionDirectory is { } directory)
                {
                    _connectionReady = true;
                    // Stored at once, so a crash right after the log-in does not cost another log-in.
                    await SaveSessionAsync(directory);
                    if (S.Identity is null)
                    {
                        using var timeout = Timeout(CancellationToken.None);
                        var me = await _client.GetMeAsync(timeout.Token);
                        state.State = S with { Identity = new AccountIdentity(me.Id, me.Username, me.FirstName, me.IsPremium) };
                    }
                }
                break;
            case AuthorizationState.WaitPhoneNumber: Move(new AccountTrigger.NeedsLogin(LoginStep.PhoneNumber)); break;
            case AuthorizationState.WaitCode: Move(new AccountTrigger.NeedsLogin(LoginStep.Code)); break;
            case AuthorizationState.WaitPassword: Move(new AccountTrigger.NeedsLogin(LoginStep.Password)); break;
            case AuthorizationState.Closed or AuthorizationState.LoggingOut: TryMove(new AccountTrigger.Failed("the session was closed")); break;
        }
    }

    /// <summary>Runs outside turns (a grain call from here is an ordinary call, like a client's): reads the client's
    /// updates and queues each in the delivery lane of every pair of its chat (<see cref="PairDeliveryLanes"/>), so
    /// every pair sees its source in order and a busy pair holds up neither the others nor the reading of updates.
    /// Updates of chats no pair reads (the account's own posts in destinations) are skipped before any work.
    /// A failed delivery is only logged: the pair catches up from history.</summary>
    private async Task PumpAsync(IAccountClient client, PairDeliveryLanes lanes, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in client.Updates.ReadAllAsync(cancellationToken))
            {
                if (Stopping) return; // the pairs are being handed over too
                // The moment the update reached our system: pairs measure their forward latency from it, not from
                // Telegram's message date (whole seconds, and the sender's moment rather than ours).
                var arrivedAt = clock.GetUtcNow();
                switch (update)
                {
                    case NewMessagesUpdate n when _routes.TryGetValue(n.ChatId, out var pairs):
                        var delivery = PairDelivery.New(n.ChatId, n.Messages.Select(m => AccountMessageMapper.ToSource(m, arrivedAt)).ToList());
                        foreach (var pairId in pairs) lanes.Post(pairId, delivery, cancellationToken);
                        break;
                    case MessageEditedUpdate e when _routes.TryGetValue(e.Message.ChatId, out var pairs):
                        var edited = PairDelivery.Edit(AccountMessageMapper.ToSource(e.Message, arrivedAt));
                        foreach (var pairId in pairs) lanes.Post(pairId, edited, cancellationToken);
                        break;
                    case MessagesDeletedUpdate d when _routes.TryGetValue(d.ChatId, out var pairs):
                        var deleted = PairDelivery.Delete(d.ChatId, d.MessageIds);
                        foreach (var pairId in pairs) lanes.Post(pairId, deleted, cancellationToken);
                        break;
                    // Log-in state changes are picked up by the housekeeping turn from client.AuthorizationState.
                }
            }
            AccountGrainLog.PumpEnded(logger, AccountId, "the client closed its update stream");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException e)
        {
            AccountGrainLog.PumpEnded(logger, AccountId, e.Message);
        }
    }

    // ---- turns driven by timers ----

    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        var before = S.Phase;
        TryMove(new AccountTrigger.Tick(clock.GetUtcNow()));
        if (_client is { } client)
        {
            var authorization = client.AuthorizationState;
            if (authorization is AuthorizationState.Closed or AuthorizationState.LoggingOut)
            {
                // Telegram ended the session (connected elsewhere, revoked, banned): reconnect after the delay.
                HandleFailure(new InvalidOperationException("Telegram closed the session (AUTH_KEY_DUPLICATED, revoked or banned)"));
                await DisconnectAsync(saveSession: false);
            }
            else if (authorization != ExpectedAuthorization(S.Phase) && authorization != AuthorizationState.None)
                await ApplyAuthorizationAsync(authorization);
        }
        else if (S.RunRequested && S.Configuration is { Enabled: true } && S.Phase.State == AccountState.Error
                 && S.LastErrorAt is { } at && clock.GetUtcNow() - at >= _options.ReconnectDelay)
        {
            TryMove(new AccountTrigger.Start());
            await ConnectAsync(cancellationToken);
        }
        else if (_slot is null && WantsToRun && S.Phase.State == AccountState.Queued && !_moving)
        {
            // Queued without a request in this silo's queue (its request was withdrawn): ask again.
            TryMove(new AccountTrigger.Start());
            await ConnectAsync(cancellationToken);
        }
        if (_dirty || before != S.Phase) await SaveAsync();
        else await PublishAsync(force: false);
    }

    private async Task CooldownOverAsync(CancellationToken cancellationToken)
    {
        _cooldownTimer?.Dispose();
        _cooldownTimer = null;
        var before = S.Phase;
        TryMove(new AccountTrigger.Tick(clock.GetUtcNow()));
        if (before != S.Phase) await SaveAsync();
    }

    private void ScheduleCooldownTimer()
    {
        _cooldownTimer?.Dispose();
        _cooldownTimer = null;
        if (S.Phase.CooldownUntil is not { } until) return;
        var due = until - clock.GetUtcNow();
        _cooldownTimer = this.RegisterGrainTimer(CooldownOverAsync, due < TimeSpan.Zero ? TimeSpan.Zero : due, System.Threading.Timeout.InfiniteTimeSpan);
    }

    // ---- calls for pairs ----

    private sealed record Outcome<T>(AccountCallStatus Status, T? Value, DateTimeOffset? RetryAt, string? Error, RecipientProblem Problem = RecipientProblem.None);

    /// <summary>One call to Telegram with the account's answers to its errors. <paramref name="peerFloodCoolsDown"/> false (a
    /// campaign's direct message): PEER_FLOOD is answered as <see cref="AccountCallStatus.PeerFlood"/> and only the caller stops
    /// writing to strangers from this account; the account goes on serving its pairs.</summary>
    private async Task<Outcome<T>> CallAsync<T>(Func<IAccountClient, CancellationToken, Task<T>> call, bool peerFloodCoolsDown = true)
    {
        var now = clock.GetUtcNow();
        TryMove(new AccountTrigger.Tick(now));
        if (S.Phase is { State: AccountState.Cooldown, CooldownUntil: { } coolingUntil })
            return new(AccountCallStatus.CoolingDown, default, coolingUntil, $"account {AccountId} is cooling down until {coolingUntil:u}");
        if (_client is not { } client || !AccountStateMachine.CanSend(S.Phase, now))
            return new(AccountCallStatus.NotActive, default, null, $"account {AccountId} is {S.Phase.State}");
        try
        {
            using var timeout = Timeout(CancellationToken.None);
            return new(AccountCallStatus.Ok, await call(client, timeout.Token), null, null);
        }
        catch (FloodWaitException e)
        {
            var until = _cooldowns.CooldownUntil(now, e.RetryAfter, S.Phase.CooldownUntil);
            AccountGrainLog.FloodWait(logger, AccountId, e.RetryAfter.TotalSeconds, until);
            TryMove(new AccountTrigger.FloodWait(until));
            _activity.AddFloodWait();
            state.State = S with { Counters = S.Counters with { FloodWaits = S.Counters.FloodWaits + 1 } };
            GrainMetrics.AccountFloodWaits.Add(1, GrainMetrics.Account(AccountId));
            ScheduleCooldownTimer();
            await SaveAsync();
            return new(AccountCallStatus.CoolingDown, default, until, $"flood wait of {e.RetryAfter.TotalSeconds:0} s; account {AccountId} is cooling down until {until:u}");
        }
        catch (PeerFloodException e) when (!peerFloodCoolsDown)
        {
            RecordError(e.TelegramMessage);
            GrainMetrics.AccountFloodWaits.Add(1, GrainMetrics.Account(AccountId));
            return new(AccountCallStatus.PeerFlood, default, null, e.TelegramMessage);
        }
        catch (PeerFloodException e)
        {
            // PEER_FLOOD has no retry_after: Telegram limits the account for an unknown time; rest for the longest cooldown.
            var until = now + _options.MaxCooldown;
            TryMove(new AccountTrigger.FloodWait(until));
            GrainMetrics.AccountFloodWaits.Add(1, GrainMetrics.Account(AccountId));
            _activity.AddFloodWait();
            ScheduleCooldownTimer();
            RecordError(e.TelegramMessage);
            await SaveAsync();
            return new(AccountCallStatus.CoolingDown, default, until, e.TelegramMessage);
        }
        catch (PostUnavailableException e)
        {
            return new(AccountCallStatus.Forbidden, default, null, e.Message, RecipientProblem.PostUnavailable);
        }
        catch (Exception e) when (e is ChatWriteForbiddenException or ChannelPrivateException)
        {
            RecordError(((TelegramAccountException)e).TelegramMessage);
            return new(AccountCallStatus.Forbidden, default, null, ((TelegramAccountException)e).TelegramMessage);
        }
        catch (Exception e) when (e is ChatNotFoundException or UsernameNotOccupiedException)
        {
            return new(AccountCallStatus.NotFound, default, null, ((TelegramAccountException)e).TelegramMessage, RecipientProblem.NotFound);
        }
        catch (UserPrivacyRestrictedException e)
        {
            return new(AccountCallStatus.Forbidden, default, null, e.TelegramMessage, RecipientProblem.Privacy);
        }
        catch (UserBlockedException e)
        {
            return new(AccountCallStatus.Forbidden, default, null, e.TelegramMessage, RecipientProblem.Blocked);
        }
        catch (ArgumentException e)
        {
            // A reference that names no user (a group's username, say): the caller's input, not the account's fault.
            return new(AccountCallStatus.NotFound, default, null, e.Message, RecipientProblem.NotFound);
        }
        catch (Exception e) when (e is SessionRevokedException or AccountBannedException or AuthKeyDuplicatedException)
        {
            HandleFailure(e);
            await DisconnectAsync(saveSession: false);
            await SaveAsync();
            return new(AccountCallStatus.NotActive, default, null, e.Message);
        }
        catch (TelegramAccountException e)
        {
            RecordError(e.TelegramMessage);
            return new(AccountCallStatus.Failed, default, null, e.TelegramMessage);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            RecordError("Telegram did not answer in time");
            return new(AccountCallStatus.Failed, default, null, "Telegram did not answer in time");
        }
    }

    /// <summary>A send for a pair. The send-limit counters are reserved in storage a block at a time before sending, so
    /// a crash cannot make the account exceed its limits; the other counters are written with the next state write (at
    /// the latest the next housekeeping turn), not once per message: a crash may forget a few seconds of those.</summary>
    private async Task<SendResult> SendAsync(int units, bool countsAgainstLimits, Func<IAccountClient, CancellationToken, Task<List<MessageRef>>> send, bool edit = false, bool delete = false)
    {
        if (countsAgainstLimits && await ReserveSendsAsync(units) is { } refused) return refused;
        var outcome = await CallAsync(send);
        if (outcome.Error is not null)
        {
            if (outcome.Status is AccountCallStatus.Failed or AccountCallStatus.Forbidden or AccountCallStatus.NotFound) CountFailure();
            return SendResult.Refused(outcome.Status, outcome.Error, outcome.RetryAt);
        }
        var refs = outcome.Value!;
        var c = S.Counters;
        if (countsAgainstLimits) _limits.Add(refs.Count);
        if (!edit && !delete) _activity.AddSent(refs.Count);
        state.State = S with
        {
            Counters = edit ? c with { Edited = c.Edited + 1 }
                : delete ? c with { Deleted = c.Deleted + refs.Count }
                : c with { Sent = c.Sent + refs.Count },
        };
        if (!edit && !delete) GrainMetrics.AccountSent.Add(refs.Count, GrainMetrics.Account(AccountId));
        _dirty = true;
        return SendResult.Ok(refs);
    }

    /// <summary>Checks the hourly and daily limits for <paramref name="units"/> more sends and reserves them in storage (a block
    /// at a time) before Telegram sees them, so a crash cannot make the account forget sends and go past its limits. Returns
    /// the refusal when a limit is used up, else null.</summary>
    private async Task<SendResult?> ReserveSendsAsync(int units)
    {
        if (!AccountStateMachine.CanSend(S.Phase, clock.GetUtcNow())) return null; // CallAsync answers why
        var limits = Limits();
        var decision = _limits.Check(units, limits.Hourly, limits.Daily);
        if (!decision.Allowed)
        {
            GrainMetrics.AccountLimitRefusals.Add(1, GrainMetrics.Account(AccountId));
            return SendResult.LimitReached(decision.RetryAt!.Value, decision.Limit!);
        }
        if (_limits.Reserve(units, _options.SendCountReservation, limits.Hourly, limits.Daily)) await SaveAsync();
        return null;
    }

    private void CountFailure()
    {
        state.State = S with { Counters = S.Counters with { Failed = S.Counters.Failed + 1 } };
        GrainMetrics.AccountSendFailures.Add(1, GrainMetrics.Account(AccountId));
        _activity.AddFailed();
        _dirty = true;
    }

    private void CountSent(int count)
    {
        _limits.Add(count);
        _activity.AddSent(count);
        state.State = S with { Counters = S.Counters with { Sent = S.Counters.Sent + count } };
        GrainMetrics.AccountSent.Add(count, GrainMetrics.Account(AccountId));
        _dirty = true;
    }

    private async Task<LoginResult> LoginStepAsync(LoginStep step, Func<IAccountClient, CancellationToken, Task<AuthorizationState>> submit)
    {
        if (_client is not { } client || S.Phase.State != AccountState.WaitingForLogin)
            return new LoginResult(S.Phase.State, S.Phase.LoginStep, false, $"The account is {S.Phase.State}; it is not waiting for a log-in step. Start it first.");
        if (S.Phase.LoginStep != step)
            return new LoginResult(S.Phase.State, S.Phase.LoginStep, false, $"The account waits for {S.Phase.LoginStep}, not {step}.");
        string? message = null;
        var accepted = false;
        try
        {
            using var timeout = Timeout(CancellationToken.None);
            await ApplyAuthorizationAsync(await submit(client, timeout.Token));
            accepted = true;
        }
        catch (LoginException e)
        {
            message = e.TelegramMessage;
        }
        catch (FloodWaitException e)
        {
            var until = _cooldowns.CooldownUntil(clock.GetUtcNow(), e.RetryAfter, S.Phase.CooldownUntil);
            TryMove(new AccountTrigger.FloodWait(until));
            message = $"Too many attempts; try again after {until:u}.";
        }
        catch (Exception e) when (e is TelegramAccountException or OperationCanceledException or HttpRequestException)
        {
            HandleFailure(e);
            await DisconnectAsync(saveSession: false);
            message = S.Phase.Reason;
        }
        await SaveAsync();
        return new LoginResult(S.Phase.State, S.Phase.LoginStep, accepted, message);
    }

    // ---- helpers ----

    private void HandleFailure(Exception e)
    {
        var trigger = e switch
        {
            AccountBannedException b => new AccountTrigger.Banned(b.TelegramMessage),
            SessionRevokedException => new AccountTrigger.SessionRevoked(),
            AuthKeyDuplicatedException => new AccountTrigger.Failed("AUTH_KEY_DUPLICATED: the session is connected somewhere else"),
            TelegramAccountException t => new AccountTrigger.Failed(t.TelegramMessage),
            OperationCanceledException or HttpRequestException => new AccountTrigger.Failed("Telegram did not answer in time"),
            _ => (AccountTrigger)new AccountTrigger.Failed(e.Message),
        };
        TryMove(trigger);
        var reason = S.Phase.Reason ?? e.Message;
        AccountGrainLog.Failed(logger, AccountId, reason);
        _activity.AddError();
        state.State = S with { LastError = reason, LastErrorAt = clock.GetUtcNow(), ActiveSince = null };
    }

    private void RecordError(string error)
    {
        _activity.AddError();
        state.State = S with { LastError = error, LastErrorAt = clock.GetUtcNow() };
        _dirty = true;
    }

    /// <summary>An admin's move: an impossible one (starting a banned account) throws with a message for the admin.</summary>
    private void Move(AccountTrigger trigger)
    {
        var next = AccountStateMachine.Apply(S.Phase, trigger);
        if (next == S.Phase) return;
        if (next.State != S.Phase.State) AccountGrainLog.StateChanged(logger, AccountId, next.State.ToString());
        state.State = S with { Phase = next, ActiveSince = next.State is AccountState.Active or AccountState.Cooldown ? S.ActiveSince : null };
    }

    /// <summary>A move the grain makes by itself (clock ticks, failures): one that does not apply (a banned account) is ignored.</summary>
    private void TryMove(AccountTrigger trigger)
    {
        if (S.Phase.State == AccountState.Banned && trigger is not (AccountTrigger.Reconfigured or AccountTrigger.Banned)) return;
        try { Move(trigger); }
        catch (InvalidOperationException) { }
    }

    private static AuthorizationState ExpectedAuthorization(AccountPhase phase) => phase switch
    {
        { State: AccountState.Active or AccountState.Cooldown } => AuthorizationState.Ready,
        { State: AccountState.WaitingForLogin, LoginStep: LoginStep.PhoneNumber } => AuthorizationState.WaitPhoneNumber,
        { State: AccountState.WaitingForLogin, LoginStep: LoginStep.Code } => AuthorizationState.WaitCode,
        { State: AccountState.WaitingForLogin, LoginStep: LoginStep.Password } => AuthorizationState.WaitPassword,
        _ => AuthorizationState.None,
    };

    private (int Hourly, int Daily) Limits()
        => (S.Configuration?.HourlySendLimit ?? _options.DefaultHourlySendLimit, S.Configuration?.DailySendLimit ?? _options.DefaultDailySendLimit);

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.TelegramCallTimeout);
        return cts;
    }

    private void RebuildRoutes()
        => _routes = S.Subscriptions.GroupBy(s => s.SourceChatId).ToDictionary(g => g.Key, g => g.Select(s => s.PairId).ToArray());

    private string ReadApiHash()
    {
        if (S.ProtectedApiHash is { } protectedHash)
        {
            try { return apiHashProtector.Unprotect(AccountId, protectedHash); }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                HandleFailure(new InvalidOperationException($"the stored api_hash cannot be decrypted with {SessionOptions.EncryptionKeySetting}; configure the account again"));
                return "";
            }
        }
        // A state written before the hash was encrypted: used as is, encrypted with the next write.
        return S.Configuration?.ApiHash ?? "";
    }

    private async Task SaveAsync()
    {
        if (_deleted) return;
        state.State = S with
        {
            SendCounters = _limits.State,
            RecentHours = _activity.ToState(),
            Configuration = S.Configuration is { ApiHash.Length: > 0 } c ? c with { ApiHash = "" } : S.Configuration,
            ProtectedApiHash = S.ProtectedApiHash ?? (_apiHash.Length > 0 ? apiHashProtector.Protect(AccountId, _apiHash) : null),
        };
        await state.WriteStateAsync();
        _dirty = false;
        await PublishAsync(force: false);
    }

    private async Task UpdateAlwaysOnAsync()
    {
        if (S.RunRequested && S.Configuration is { Enabled: true }) await alwaysOn.AddAsync(this.GetGrainId());
        else await alwaysOn.RemoveAsync(this.GetGrainId());
    }

    /// <summary>Pushes the summary to the fleet registry when something an operator reads changed (state, error, pairs),
    /// or when <paramref name="force"/>; send counts alone are pushed by the housekeeping turn.</summary>
    private async Task PublishAsync(bool force)
    {
        // An account never configured (or deleted) is not part of the fleet: a status query must not list it.
        if (Stopping || _deleted || S.Configuration is null) return;
        var summary = Summary();
        var key = summary with { UpdatedAt = default, SentThisHour = 0, SentToday = 0 };
        var last = _lastPublished;
        var changed = last is null || key != (last with { UpdatedAt = default, SentThisHour = 0, SentToday = 0 });
        var countsChanged = last is not null && (last.SentThisHour != summary.SentThisHour || last.SentToday != summary.SentToday);
        if (!changed && !(force || countsChanged)) return;
        try
        {
            await GrainFactory.GetGrain<IFleetRegistryGrain>(IFleetRegistryGrain.Key).UpdateAccountAsync(summary);
            _lastPublished = summary;
        }
        catch (Exception e) when (GrainCallFailure.IsUnreachable(e))
        {
            AccountGrainLog.RegistryUnavailable(logger, AccountId, e);
        }
    }

    private AccountSummary Summary()
    {
        var (hourly, daily) = Limits();
        var usage = _limits.Usage(hourly, daily);
        return new AccountSummary(AccountId, S.Configuration?.Label, PhoneNumberMask.Mask(S.Configuration?.PhoneNumber), S.Configuration?.Enabled ?? false,
            S.Phase.State, S.Phase.CooldownUntil, S.Phase.State is AccountState.Error or AccountState.Banned ? S.Phase.Reason : null,
            S.Subscriptions.Count, usage.SentThisHour, hourly, usage.SentToday, daily, clock.GetUtcNow())
        {
            ApiId = S.Configuration?.ApiId ?? 0,
            ActiveSince = S.ActiveSince,
            Restarts = S.Restarts,
        };
    }

    private AccountStatus Status()
    {
        var now = clock.GetUtcNow();
        var (hourly, daily) = Limits();
        var configuration = S.Configuration;
        return new AccountStatus(
            AccountId, configuration?.Label, configuration is not null, configuration?.Enabled ?? false,
            S.Phase.State, S.Phase.LoginStep, S.Phase.CooldownUntil,
            S.Phase.State is AccountState.Error or AccountState.Banned ? S.Phase.Reason : null,
            configuration?.ApiId ?? 0, PhoneNumberMask.Mask(configuration?.PhoneNumber), S.Identity,
            S.ActiveSince, S.ActiveSince is { } since ? now - since : TimeSpan.Zero, S.Restarts, S.LastError, S.LastErrorAt,
            S.Counters, _limits.Usage(hourly, daily), S.Subscriptions, now);
    }

    private static string SafeName(string id) => string.Concat(id.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));

    private static void DeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void Validate(AccountConfiguration c)
    {
        if (c.ApiId <= 0) throw new ArgumentException($"ApiId must be the positive api_id from my.telegram.org (is {c.ApiId}).", nameof(c.ApiId));
        if (string.IsNullOrWhiteSpace(c.ApiHash)) throw new ArgumentException("ApiHash must be the api_hash from my.telegram.org.", nameof(c.ApiHash));
        if (c.PhoneNumber is { } p && p.Count(char.IsAsciiDigit) < 7) throw new ArgumentException("PhoneNumber must be in international form, e.g. +15551234567.", nameof(c.PhoneNumber));
        if (c.HourlySendLimit is < 1) throw new ArgumentException($"HourlySendLimit must be at least 1 (is {c.HourlySendLimit}).", nameof(c.HourlySendLimit));
        if (c.DailySendLimit is < 1) throw new ArgumentException($"DailySendLimit must be at least 1 (is {c.DailySendLimit}).", nameof(c.DailySendLimit));
    }
}

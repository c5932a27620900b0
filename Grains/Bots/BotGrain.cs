using System.Text.Json;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Broadcasts;
using Cluster.Grains.Diagnostics;
using Cluster.Grains.Guard;
using Cluster.Telegram.Bots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Bots;

/// <summary>One bot token: the only poller of it in the cluster (single activation), always-on while enabled. A background
/// loop owned by the activation long-polls with Telegram.Bot's getUpdates (through the token's limited client) and hands each
/// batch to the grain through its own reference, so routing is a turn.</summary>
/// <remarks>The loop is cancelled (its getUpdates aborted) and awaited on deactivation before another activation can start,
/// so two pollers of one token never overlap (no 409). The offset is saved after each batch is routed and handled, in a turn of
/// its own that overlaps the next getUpdates: the write is off the path from an update to its handling, and it takes nothing from
/// the exactly-once window, because that next getUpdates (which carries the new offset) is what confirms the batch to Telegram.</remarks>
[GrainType("bot")]
public sealed class BotGrain(
    [PersistentState("bot")] IPersistentState<BotGrainState> state,
    IBotClientFactory clients,
    IAlwaysOnRegistry alwaysOn,
    ISessionLeases leases,
    IOptions<BotGrainOptions> options,
    ILogger<BotGrain> logger,
    TimeProvider time) : Grain, IBotGrain, IAlwaysOnGrain
{
    /// <summary>The keeper's call: being activated (or kept from idle collection) is all it asks.</summary>
    public Task KeepAliveAsync() => Task.CompletedTask;

    /// <summary>Asked for explicitly: chat_member is not delivered otherwise, and the guard lives on it.</summary>
    internal static readonly IReadOnlyList<UpdateType> AllowedUpdates =
        [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.ChatMember, UpdateType.MyChatMember];

    private readonly BotGrainOptions _options = options.Value;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private string? _lastError;
    private bool _offsetDirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Enabled: true, Token: not null }) StartPolling();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopPollingAsync();
        await CheckpointAsync();
    }

    public async Task ConfigureAsync(BotConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var colon = configuration.Token.IndexOf(':');
        if (colon <= 0 || configuration.Token[..colon] != this.GetPrimaryKeyString())
            throw new ArgumentException($"The token does not belong to bot {this.GetPrimaryKeyString()}: a bot grain's key is the part of its token before the colon (the token itself is not shown).");
        var tokenChanged = state.State.Token != configuration.Token;
        await StopPollingAsync();
        state.State.Token = configuration.Token;
        state.State.Enabled = configuration.Enabled;
        if (tokenChanged || configuration.ResetOffset) state.State.NextOffset = null;
        await state.WriteStateAsync();
        if (configuration.Enabled)
        {
            await alwaysOn.AddAsync(this.GetGrainId());
            StartPolling();
        }
        else
        {
            await alwaysOn.RemoveAsync(this.GetGrainId());
        }
    }

    public Task<BotStatus> GetStatusAsync() => Task.FromResult(new BotStatus(long.Parse(this.GetPrimaryKeyString(), System.Globalization.CultureInfo.InvariantCulture),
        state.State.Token is not null, state.State.Enabled, _loop is { IsCompleted: false }, state.State.NextOffset, state.State.UpdatesHandled,
        state.State.UpdatesFailed, _lastError));

    public Task<string> GetTokenAsync() =>
        Task.FromResult(state.State.Token ?? throw new InvalidOperationException($"Bot {this.GetPrimaryKeyString()} has no token configured."));

    public async Task DeliverAsync(UpdateBatch batch)
    {
        using var traced = batch.Updates.Count > 0 ? GrainTracing.Source.StartActivity(GrainTracing.BotDeliver) : null;
        var botKey = this.GetPrimaryKeyString();
        var routed = new List<(string Target, long UpdateId, string Type, Func<Task> Call)>();
        var subscribers = new List<(long UserId, SubscriberEvent? Reached, DateTimeOffset? BlockedAt)>();
        foreach (var json in batch.Updates)
        {
            var update = JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options);
            if (update is null) continue;
            if (traced is not null)
            {
                if (traced.GetTagItem(GrainTracing.FirstUpdateId) is null) traced.SetTag(GrainTracing.FirstUpdateId, update.Id);
                traced.SetTag(GrainTracing.LastUpdateId, update.Id);
            }
            if (update.Id < (state.State.NextOffset ?? 0)) continue; // a repeat of a batch already handled
            if (UpdateRouter.Route(GrainFactory, botKey, update) is { } route)
                routed.Add((route.Target, update.Id, MemberStatus.Name(update.Type), route.Call));
            else if (SubscriberUpdates.Read(update) is { } subscriber)
                subscribers.Add(subscriber);
        }
        // Subscribers (users who started the bot or wrote to it) are kept in buckets of their own, one call per bucket and batch, before
        // anything is routed: a failure fails the batch, which is polled again, so no subscriber is lost and no routed update is handled twice.
        await SubscriberUpdates.RecordAsync(GrainFactory, long.Parse(botKey, System.Globalization.CultureInfo.InvariantCulture), subscribers);
        // Each grain gets its updates in order; different grains are handled at the same time, so one slow group
        // (waiting out its send limit) does not hold up the others.
        var results = await Task.WhenAll(routed.GroupBy(r => r.Target).Select(async target =>
        {
            var (handled, failed) = (0, 0);
            foreach (var item in target)
            {
                try
                {
                    await item.Call();
                    handled++;
                }
                catch (Exception e)
                {
                    failed++;
                    BotGrainLog.UpdateFailed(logger, e, botKey, item.UpdateId, item.Type);
                }
            }
            return (handled, failed);
        }));
        if (batch.NextOffset is { } next && next != state.State.NextOffset)
        {
            state.State.NextOffset = next;
            state.State.UpdatesHandled += results.Sum(r => r.handled);
            state.State.UpdatesFailed += results.Sum(r => r.failed);
            _offsetDirty = true;
        }
    }

    public async Task CheckpointAsync()
    {
        if (!_offsetDirty) return;
        _offsetDirty = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _offsetDirty = true;
            throw;
        }
    }

    private void StartPolling()
    {
        if (_loop is { IsCompleted: false }) return;
        _stop = new CancellationTokenSource();
        var client = clients.GetClient(state.State.Token!);
        var self = GrainFactory.GetGrain<IBotGrain>(this.GetPrimaryKeyString());
        var offset = state.State.NextOffset;
        _loop = Task.Run(() => PollAsync(client, self, offset, _stop.Token));
    }

    private async Task StopPollingAsync()
    {
        if (_stop is null || _loop is null) return;
        await _stop.CancelAsync();
        // The loop may be waiting for a delivery that queues behind this very turn: wait a bounded time. Its getUpdates
        // is already aborted, so it cannot poll again.
        await Task.WhenAny(_loop, Task.Delay(_options.StopTimeout, time));
        _stop.Dispose();
        _stop = null;
        _loop = null;
        BotGrainLog.PollingStopped(logger, this.GetPrimaryKeyString());
    }

    /// <summary>The poll loop: takes the token's session lease (waiting while another activation's lease runs, so two pollers
    /// never overlap even while the cluster disagrees where this grain lives), polls while it holds it, and takes it again
    /// after losing it.</summary>
    private async Task PollAsync(ITelegramBotClient client, IBotGrain self, long? offset, CancellationToken cancellationToken)
    {
        var botKey = this.GetPrimaryKeyString();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            ISessionLease lease;
            try
            {
                lease = await leases.AcquireAsync($"bot/{botKey}", cancellationToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _lastError = $"The session lease could not be taken: {e.Message}";
                if (!await BackOffAsync(_lastError, failures++, cancellationToken)) return;
                continue;
            }
            await using (lease)
            {
                using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
                var (next, stop) = await PollWhileLeasedAsync(client, self, offset, lease, polling.Token);
                offset = next;
                if (stop) return;
            }
        }
    }

    /// <summary>Polls while this activation holds the token's session lease; returns the next offset, and whether polling must
    /// stop for good (the token was refused, or the activation stops) rather than wait for the lease again.</summary>
    private async Task<(long? Offset, bool Stop)> PollWhileLeasedAsync(ITelegramBotClient client, IBotGrain self, long? offset, ISessionLease lease,
        CancellationToken cancellationToken)
    {
        var botKey = this.GetPrimaryKeyString();
        BotGrainLog.PollingStarted(logger, botKey, offset);
        var failures = 0;
        Task checkpoint = Task.CompletedTask;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Judged by this process's clock right before the call: a silo frozen past its lease never polls again with it.
            // A getUpdates stays open at Telegram for its timeout: never longer than the lease has left (a frozen silo's open
            // poll would make the next poller's call a 409).
            var pollSeconds = (int)Math.Min(_options.PollTimeout.TotalSeconds, Math.Floor(lease.Remaining.TotalSeconds) - 1);
            if (pollSeconds < 0) return (offset, false);
            Update[] updates;
            try
            {
                updates = await client.GetUpdates((int?)offset, _options.PollLimit, pollSeconds, AllowedUpdates, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (offset, false);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 401)
            {
                _lastError = "The token was refused (401).";
                BotGrainLog.TokenRefused(logger, botKey);
                return (offset, true);
            }
            catch (Exception e)
            {
                _lastError = e.Message;
                if (!await BackOffAsync(e.Message, failures++, cancellationToken)) return (offset, false);
                continue;
            }

            using var traced = updates.Length > 0 ? GrainTracing.Source.StartActivity(GrainTracing.BotBatch) : null;
            traced?.SetTag(GrainTracing.FirstUpdateId, updates.Min(u => u.Id)).SetTag(GrainTracing.LastUpdateId, updates.Max(u => u.Id));

            // The previous batch's offset is saved before this one is handled, so saves never pile up. A failed save is logged
            // and tried again with the next batch (the offset stays marked as unsaved).
            try
            {
                await checkpoint;
            }
            catch (Exception e)
            {
                if (cancellationToken.IsCancellationRequested) return (offset, false);
                BotGrainLog.CheckpointFailed(logger, e, botKey);
            }
            finally
            {
                checkpoint = Task.CompletedTask;
            }

            var next = updates.Length > 0 ? updates.Max(u => u.Id) + 1 : offset;
            try
            {
                var json = updates.OrderBy(u => u.Id).Select(u => JsonSerializer.Serialize(u, JsonBotAPI.Options)).ToList();
                await self.DeliverAsync(new UpdateBatch(json, next));
                offset = next;
                failures = 0;
                checkpoint = self.CheckpointAsync();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return (offset, false);
            }
            catch (Exception e)
            {
                BotGrainLog.DeliveryFailed(logger, e, botKey);
                if (!await BackOffAsync(e.Message, failures++, cancellationToken)) return (offset, false);
            }
        }
        return (offset, false);
    }

    private async Task<bool> BackOffAsync(string error, int failures, CancellationToken cancellationToken)
    {
        var delay = _options.ErrorDelay * Math.Pow(2, Math.Min(failures, 16));
        if (delay > _options.MaxErrorDelay) delay = _options.MaxErrorDelay;
        BotGrainLog.PollFailed(logger, this.GetPrimaryKeyString(), error, (long)delay.TotalMilliseconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

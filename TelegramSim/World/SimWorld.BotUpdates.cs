namespace Cluster.TelegramSim.World;

// Bot update queues: long polling with offsets, and the state the webhook dispatcher works from.
public sealed partial class SimWorld
{
    private readonly AsyncSignal _webhooksChanged = new();

    private void Enqueue(SimBot bot, string kind, SimMessage? message = null, SimCallbackQuery? callbackQuery = null, SimChatMemberChange? memberChange = null)
    {
        if (!bot.Wants(kind)) return;
        bot.Pending.AddLast(new SimBotUpdate(bot.NextUpdateId++, kind, Now, message, callbackQuery, memberChange));
        while (bot.Pending.Count > _options.MaxPendingUpdatesPerBot) bot.Pending.RemoveFirst();
        bot.Signal.Pulse();
    }

    /// <summary>getUpdates: confirms updates below <paramref name="offset"/>, then returns up to
    /// <paramref name="limit"/> pending ones, waiting up to <paramref name="timeout"/> for the first.
    /// A newer call of the same bot ends this one with 409, as Telegram does.</summary>
    internal async Task<IReadOnlyList<SimBotUpdate>> BotGetUpdatesAsync(long botUserId, long? offset, int limit, TimeSpan timeout,
        IReadOnlyList<string>? allowedUpdates, CancellationToken cancellationToken)
    {
        SimBot bot;
        BotPoll poll;
        Task wake;
        lock (_sync)
        {
            bot = BotOrThrow(botUserId);
            if (bot.WebhookUrl is not null) throw SimErrors.ConflictWebhookActive();
            bot.ActivePoll?.Preempt();
            poll = new BotPoll();
            bot.ActivePoll = poll;
            if (allowedUpdates is not null) bot.AllowedUpdates = allowedUpdates.Count == 0 ? null : [.. allowedUpdates];
            Confirm(bot, offset);
            var ready = TakeForPoll(bot, limit);
            if (ready.Count > 0 || timeout <= TimeSpan.Zero)
            {
                bot.ActivePoll = null;
                return ready;
            }
            wake = bot.Signal.WaitTask;
        }
        try
        {
            var deadline = Now + timeout;
            while (true)
            {
                var remaining = deadline - Now;
                using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, delayCts.Token) : Task.CompletedTask;
                await Task.WhenAny(wake, poll.Preempted, delay).ConfigureAwait(false);
                delayCts.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
                lock (_sync)
                {
                    if (bot.WebhookUrl is not null) throw SimErrors.ConflictWebhookActive();
                    if (poll.IsPreempted) throw SimErrors.ConflictTerminated();
                    var ready = TakeForPoll(bot, limit);
                    if (ready.Count > 0 || Now >= deadline) return ready;
                    wake = bot.Signal.WaitTask;
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                if (ReferenceEquals(bot.ActivePoll, poll)) bot.ActivePoll = null;
            }
        }
    }

    private static void Confirm(SimBot bot, long? offset)
    {
        if (offset is not { } o || o == 0) return;
        if (o > 0)
        {
            while (bot.Pending.First is { } first && first.Value.UpdateId < o) bot.Pending.RemoveFirst();
        }
        else
        {
            // A negative offset keeps only the last -offset updates and forgets the rest.
            while (bot.Pending.Count > -o) bot.Pending.RemoveFirst();
        }
    }

    private List<SimBotUpdate> TakeForPoll(SimBot bot, int limit)
    {
        var result = bot.Pending.Take(limit).ToList();
        RecordDeliveries(bot, result, "getUpdates");
        return result;
    }

    private void RecordDeliveries(SimBot bot, IEnumerable<SimBotUpdate> updates, string via)
    {
        foreach (var u in updates)
        {
            if (u.UpdateId <= bot.LastDeliveredUpdateId) continue;
            bot.LastDeliveredUpdateId = u.UpdateId;
            var m = u.Message ?? u.CallbackQuery?.Message;
            _deliveries.Add(new SimDelivery(bot.User.Id, u.UpdateId, u.Kind, m?.ChatId ?? u.MemberChange?.ChatId, m?.Id, u.CreatedAt, Now, via));
        }
        if (_deliveries.Count > _options.CallLogCapacity) _deliveries.RemoveRange(0, _deliveries.Count - _options.CallLogCapacity);
    }

    /// <summary>setWebhook: switches the bot to webhook delivery (an empty url removes the webhook).</summary>
    internal void BotSetWebhook(long botUserId, string url, string? secretToken, IReadOnlyList<string>? allowedUpdates, bool dropPending, int? maxConnections)
    {
        if (url.Length == 0)
        {
            BotDeleteWebhook(botUserId, dropPending);
            return;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw SimErrors.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        if (secretToken is not null && (secretToken.Length is 0 or > 256 || !secretToken.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            throw SimErrors.BadRequest("secret token contains unallowed characters");
        if (maxConnections is < 1 or > 100) throw SimErrors.BadRequest("bad webhook: max_connections must be between 1 and 100");
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            bot.WebhookUrl = url;
            bot.WebhookSecret = secretToken;
            bot.WebhookMaxConnections = maxConnections ?? 40;
            bot.LastWebhookErrorDate = null;
            bot.LastWebhookErrorMessage = null;
            if (allowedUpdates is not null) bot.AllowedUpdates = allowedUpdates.Count == 0 ? null : [.. allowedUpdates];
            if (dropPending) bot.Pending.Clear();
            bot.ActivePoll?.Preempt();
            bot.Signal.Pulse();
        }
        _webhooksChanged.Pulse();
    }

    /// <summary>deleteWebhook: back to getUpdates.</summary>
    internal void BotDeleteWebhook(long botUserId, bool dropPending)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            bot.WebhookUrl = null;
            bot.WebhookSecret = null;
            if (dropPending) bot.Pending.Clear();
            bot.Signal.Pulse();
        }
        _webhooksChanged.Pulse();
    }

    /// <summary>getWebhookInfo.</summary>
    internal SimWebhookInfo BotGetWebhookInfo(long botUserId)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            return new SimWebhookInfo(bot.WebhookUrl ?? "", bot.Pending.Count, bot.LastWebhookErrorDate, bot.LastWebhookErrorMessage,
                bot.WebhookMaxConnections, bot.AllowedUpdates?.ToList());
        }
    }

    /// <summary>Completes when some bot's webhook was set or removed.</summary>
    internal Task WebhooksChanged => _webhooksChanged.WaitTask;

    /// <summary>Bots that currently have a webhook.</summary>
    internal IReadOnlyList<long> BotsWithWebhook()
    {
        lock (_sync) return _bots.Values.Where(b => b.WebhookUrl is not null).Select(b => b.User.Id).ToList();
    }

    /// <summary>The next update to POST for a bot, or null with a task that completes when there may be one.
    /// Returns null and a completed task when the bot no longer has a webhook.</summary>
    internal WebhookWork? NextWebhookWork(long botUserId, out Task wake, out bool webhookGone)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            webhookGone = bot.WebhookUrl is null;
            if (webhookGone || bot.Pending.First is null)
            {
                wake = bot.Signal.WaitTask;
                return null;
            }
            wake = Task.CompletedTask;
            return new WebhookWork(bot.WebhookUrl!, bot.WebhookSecret, bot.Pending.First.Value);
        }
    }

    /// <summary>A webhook POST of <paramref name="updateId"/> succeeded: the update is confirmed.</summary>
    internal void WebhookDelivered(long botUserId, long updateId)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            if (bot.Pending.First is { } first && first.Value.UpdateId == updateId)
            {
                RecordDeliveries(bot, [first.Value], "webhook");
                bot.Pending.RemoveFirst();
            }
        }
    }

    /// <summary>A webhook POST failed: remembered for getWebhookInfo; the update stays queued.</summary>
    internal void WebhookFailed(long botUserId, string error)
    {
        lock (_sync)
        {
            var bot = BotOrThrow(botUserId);
            bot.LastWebhookErrorDate = Now;
            bot.LastWebhookErrorMessage = error;
        }
    }

    /// <summary>Updates still queued for a bot (not yet confirmed), oldest first.</summary>
    public IReadOnlyList<SimBotUpdate> GetPendingUpdates(long botUserId)
    {
        lock (_sync) return BotOrThrow(botUserId).Pending.ToList();
    }

    /// <summary>Every update handed to bots so far (by getUpdates or webhook), in order.</summary>
    public IReadOnlyList<SimDelivery> GetDeliveries(long? botUserId = null)
    {
        lock (_sync) return _deliveries.Where(d => botUserId is null || d.BotUserId == botUserId).ToList();
    }
}

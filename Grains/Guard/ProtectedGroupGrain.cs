using System.Globalization;
using System.Text.RegularExpressions;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Diagnostics;
using Cluster.Telegram.Bots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.Grains.Guard;

/// <summary>One protected group: members must be subscribed to every linked channel to speak. Checks joiners at once and mutes
/// those missing a channel, deletes and warns about messages of unverified members, unmutes on "I have joined", and answers its admins' commands.</summary>
/// <remarks>Configuration and the muted members (with what they could do before) are in grain state; membership answers are cached
/// in memory. The bot only lifts restrictions it applied, and only as they were.</remarks>
[GrainType("protected-group")]
public sealed partial class ProtectedGroupGrain(
    [PersistentState("group")] IPersistentState<ProtectedGroupState> state,
    IBotClientFactory clients,
    IOptions<GuardOptions> options,
    ILogger<ProtectedGroupGrain> logger,
    TimeProvider time) : Grain, IProtectedGroupGrain
{
    private readonly GuardOptions _options = options.Value;
    private MembershipCache _cache = null!;
    private MessageBudget _warnings = null!;
    private MessageBudget _prompts = null!;
    private IGrainTimer? _promptTimer;
    private (IReadOnlyList<PendingPrompt> Named, Task<Message?> Send)? _promptSend;
    private readonly List<(Task<Message?> Send, int DeleteAfter)> _warningSends = [];
    private IGrainTimer? _warningTimer;
    private ITelegramBotClient? _client;
    private string? _botUsername;
    private IGrainTimer? _sweep;

    private ProtectedGroupState S => state.State;
    private long GroupId => long.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);
    private long BotId => long.Parse(S.BotKey!, CultureInfo.InvariantCulture);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _cache = new MembershipCache(_options, time);
        _warnings = new MessageBudget(_options.WarningsPerWindow, _options.WarningWindow, _options.WarningUserCooldown, time);
        _prompts = new MessageBudget(_options.JoinPromptsPerWindow, _options.JoinPromptWindow, TimeSpan.Zero, time);
        if (S.PendingDeletions.Count > 0) EnsureSweep();
        if (S.PendingPrompts.Count > 0) EnsurePromptTimer();
        StartRegistryPublishing();
        return Task.CompletedTask;
    }

    // ---- routed updates ----

    public async Task HandleMessageAsync(string botKey, GroupMessage message)
    {
        await AttachBotAsync(botKey, message.ChatTitle);
        if (message.NewMembers is { Count: > 0 } joiners)
        {
            foreach (var joiner in joiners) await HandleJoinAsync(joiner);
            return;
        }
        if (message.From is not { } from) return; // anonymous admins and channels speaking for the group
        // Message ids grow within a chat and the bot hands a group its updates in order: an id at or below the last one acted on
        // is a repeat (a batch handled, but its offset not yet saved when the bot's silo died), and is not acted on twice.
        if (message.MessageId <= S.LastActedMessageId) return;
        if (GuardCommand.Parse(message.Text, await BotUsernameAsync()) is { } command)
        {
            S.LastActedMessageId = message.MessageId;
            await HandleCommandAsync(from, message.MessageId, command);
            return;
        }
        if (!S.Enabled || ActiveChannels().Count == 0 || (await IsExemptAsync(from)).Exempt) return;
        var missing = S.Muted.ContainsKey(from.Id) ? ActiveChannels() : await MissingChannelsAsync(from.Id, bypassCache: false);
        if (missing.Count == 0) return;

        S.LastActedMessageId = message.MessageId;
        if (await TryAsync("deleteMessage", () => Client.DeleteMessage(GroupId, message.MessageId)))
        {
            S.MessagesDeleted++;
            GrainMetrics.GuardMessagesDeleted.Add(1);
        }
        if (S.Settings.Mode == GuardMode.Mute && !S.Muted.ContainsKey(from.Id))
            await MuteAsync(from, missing, current: null);
        else
            Warn(from, missing, autoDelete: true);
        await state.WriteStateAsync();
    }

    public async Task HandleMemberChangeAsync(string botKey, MemberChange change)
    {
        await AttachBotAsync(botKey, change.ChatTitle);
        if (change.User.Id == BotId)
        {
            await BotRightsChangedAsync(change);
            return;
        }
        if (!change.OldInChat && change.NewInChat)
        {
            await HandleJoinAsync(change.User);
            return;
        }
        var (oldStatus, newStatus) = (MemberStatus.Parse(change.OldStatus), MemberStatus.Parse(change.NewStatus));
        if (newStatus is ChatMemberStatus.Administrator or ChatMemberStatus.Creator)
        {
            _cache.Set(GroupId, change.User.Id, true);
            if (Forget(change.User.Id)) await state.WriteStateAsync();
            return;
        }
        if (oldStatus is ChatMemberStatus.Administrator or ChatMemberStatus.Creator) _cache.Invalidate(GroupId, change.User.Id);
        // Someone else changed a member we muted (an admin unmuted, banned or re-restricted them): their decision stands,
        // and the bot no longer considers that restriction its own.
        if (change.ActorId != BotId && S.Muted.ContainsKey(change.User.Id) && newStatus != ChatMemberStatus.Left
            && !(newStatus == ChatMemberStatus.Restricted && oldStatus == ChatMemberStatus.Restricted && change.OldInChat != change.NewInChat))
        {
            Forget(change.User.Id);
            await state.WriteStateAsync();
        }
    }

    public async Task HandleButtonAsync(string botKey, ButtonPress press)
    {
        await AttachBotAsync(botKey, null);
        if (press.Data != GuardTexts.JoinedData) return;
        var user = press.From;
        if (!S.Enabled || ActiveChannels().Count == 0)
        {
            await AnswerAsync(press.QueryId, "Protection is off here: you can write.");
            return;
        }
        if ((await IsExemptAsync(user)).Exempt)
        {
            await AnswerAsync(press.QueryId, "You can write here.");
            return;
        }
        var missing = await MissingChannelsAsync(user.Id, bypassCache: true);
        if (missing.Count > 0)
        {
            await AnswerAsync(press.QueryId, "Please join first: " + string.Join(", ", missing.Select(c => c.Title)), alert: true);
            return;
        }
        if (S.Muted.TryGetValue(user.Id, out var muted))
        {
            await UnmuteAsync(muted);
            await state.WriteStateAsync();
        }
        await AnswerAsync(press.QueryId, "Thank you! You can write now.");
    }

    public async Task UserLeftChannelAsync(long channelId, long userId)
    {
        if (S.BotKey is null) return;
        var channel = S.Channels.FirstOrDefault(c => c.ChannelId == channelId);
        if (channel is null) return;
        _cache.Set(channelId, userId, false);
        NoteChecked(userId, verified: false);
        if (!S.Enabled || channel.Paused || S.Muted.ContainsKey(userId) || S.AllowList.Contains(userId)) return;
        var member = await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, userId));
        if (member is null || !member.IsInChat || member.User.IsBot) return;
        if (member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator) return;
        if (S.Settings.Mode != GuardMode.Mute) return; // delete-only: their next message is deleted
        await MuteAsync(new GuardUser(userId, false, member.User.FirstName), [channel], member);
        await state.WriteStateAsync();
    }

    public async Task ChannelRightsChangedAsync(long channelId, bool botIsAdmin)
    {
        var channel = S.Channels.FirstOrDefault(c => c.ChannelId == channelId);
        if (channel is null || S.BotKey is null) return;
        if (!botIsAdmin) await PauseAsync(channel);
        else if (channel.Paused)
        {
            channel.Paused = false;
            channel.PauseAnnounced = false;
            if (S.Enabled) await SayAsync($"I am an administrator of \"{channel.Title}\" again: members must be subscribed to it again.");
        }
        await state.WriteStateAsync();
    }

    public Task<ProtectedGroupStatus> GetStatusAsync() => Task.FromResult(new ProtectedGroupStatus(GroupId, S.BotKey, S.Enabled, S.Settings,
        S.Channels.Select(c => new LinkedChannelStatus(c.ChannelId, c.Title, c.Username, c.Paused)).ToList(), [.. S.AllowList],
        [.. S.Muted.Keys], S.MutedCount, S.UnmutedCount, S.MessagesDeleted, S.WarningsSent, S.WarningsSuppressed,
        _cache?.Hits ?? 0, _cache?.Misses ?? 0, S.JoinPromptsSent, S.PendingPrompts.Count));

    // ---- joins, mutes, warnings ----

    private async Task HandleJoinAsync(GuardUser user)
    {
        if (!S.Enabled || ActiveChannels().Count == 0 || user.IsBot || S.Muted.ContainsKey(user.Id)) return;
        var (exempt, member) = await IsExemptAsync(user);
        if (exempt) return;
        var missing = await MissingChannelsAsync(user.Id, bypassCache: false);
        if (missing.Count == 0) return;
        if (S.Settings.Mode == GuardMode.Mute) await MuteAsync(user, missing, member);
        else Warn(user, missing, autoDelete: true);
        await state.WriteStateAsync();
    }

    private async Task MuteAsync(GuardUser user, IReadOnlyList<LinkedChannel> missing, ChatMember? current)
    {
        current ??= await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, user.Id));
        if (current is null || current.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator or ChatMemberStatus.Kicked) return;
        var restricted = current as ChatMemberRestricted;
        var muted = new MutedMember
        {
            UserId = user.Id,
            MutedAt = time.GetUtcNow(),
            PreviousPermissions = restricted is null ? null : SavedPermissions.Of(restricted),
            PreviousUntilDate = restricted?.UntilDate is { } until ? new DateTimeOffset(until, TimeSpan.Zero).ToUnixTimeSeconds() : null,
        };
        // A full mute: every permission false (Telegram.Bot sends that as "permissions":{}), each meaning exactly what it says.
        if (!await TryAsync("restrictChatMember", () => Client.RestrictChatMember(GroupId, user.Id, new ChatPermissions(), useIndependentChatPermissions: true))) return;
        S.Muted[user.Id] = muted;
        S.MutedCount++;
        GrainMetrics.GuardMutes.Add(1);
        GuardLog.Muted(logger, GroupId, user.Id, missing.Count);
        S.PendingPrompts.RemoveAll(p => p.UserId == user.Id);
        S.PendingPrompts.Add(new PendingPrompt(user.Id, user.FirstName, missing.Select(c => c.ChannelId).ToList()));
        EnsurePromptTimer();
    }

    /// <summary>Starts posting one message naming every waiting member, with join buttons for the channels any of them is missing
    /// and one "I have joined" button (whoever presses it is checked, so one prompt serves all it names). The send runs outside the
    /// grain's turns: it may wait seconds for Telegram's limits (30 messages/s per bot), and a turn held that long would hold up this
    /// group's next join, and the bot's batch that routes an update here.</summary>
    /// <remarks>The members stay in PendingPrompts (and so in saved state) until <see cref="RecordPromptAsync"/> runs in a turn: a
    /// crash meanwhile posts their prompt again rather than never.</remarks>
    private void StartPrompt()
    {
        S.PendingPrompts.RemoveAll(p => !S.Muted.ContainsKey(p.UserId));
        var waiting = S.PendingPrompts.ToList();
        if (waiting.Count == 0) return;
        var missingIds = waiting.SelectMany(p => p.MissingChannelIds).ToHashSet();
        var missing = S.Channels.Where(c => missingIds.Contains(c.ChannelId)).ToList();
        var warning = WarningOf(GuardTexts.Names(waiting.Select(p => p.FirstName).ToList(), _options.JoinPromptMaxNames), missing);
        // Recorded at once rather than at the next check; deactivated meanwhile, the next activation posts it again.
        _promptSend = (waiting, SendOutsideTurn(warning, _promptTimer, _options.JoinPromptCheckInterval));
    }

    /// <summary>In a turn, once the send finished: the members it named point at it (unmuting the last of them deletes it) and are no
    /// longer waiting. If it could not be posted they stay muted: any other prompt's button (whoever presses it is checked) still
    /// verifies them.</summary>
    private async Task RecordPromptAsync(IReadOnlyList<PendingPrompt> named, Message? sent, CancellationToken cancellationToken)
    {
        foreach (var prompt in named) S.PendingPrompts.Remove(prompt);
        if (sent is null)
        {
            await state.WriteStateAsync(cancellationToken);
            return;
        }
        S.JoinPromptsSent++;
        var stillMuted = 0;
        foreach (var prompt in named)
            if (S.Muted.TryGetValue(prompt.UserId, out var muted))
            {
                muted.PromptMessageId = sent.MessageId;
                stillMuted++;
            }
        await state.WriteStateAsync(cancellationToken);
        // Everyone it names was verified while it was on its way: nobody is left to delete it on unmute.
        if (stillMuted == 0) await TryAsync("deleteMessage", () => Client.DeleteMessage(GroupId, sent.MessageId));
    }

    /// <summary>Join prompts are posted from a timer's turn, at once when the group's prompt budget has room and otherwise when it
    /// has (joiners muted meanwhile are named together), and the send itself runs outside any turn: neither the update that muted,
    /// nor the bot's batch it belongs to, nor the next join of this group waits for it.</summary>
    private void EnsurePromptTimer() =>
        _promptTimer ??= this.RegisterGrainTimer(PromptTimerAsync, TimeSpan.Zero, _options.JoinPromptCheckInterval);

    private async Task PromptTimerAsync(CancellationToken cancellationToken)
    {
        if (_promptSend is var (named, sending))
        {
            if (!sending.IsCompleted) return; // one prompt on its way at a time; its end fires this timer again
            _promptSend = null;
            await RecordPromptAsync(named, await sending, cancellationToken);
        }
        if (S.PendingPrompts.Count > 0 && S.BotKey is not null && _prompts.TryAcquire())
        {
            await AttachBotAsync(S.BotKey, null);
            StartPrompt();
        }
        if (S.PendingPrompts.Count == 0 && _promptSend is null)
        {
            _promptTimer?.Dispose();
            _promptTimer = null;
        }
    }

    /// <summary>Forgets a member the bot muted (verified, made admin, or changed by someone else); true when they were muted.</summary>
    private bool Forget(long userId)
    {
        S.PendingPrompts.RemoveAll(p => p.UserId == userId);
        return S.Muted.Remove(userId);
    }

    private async Task UnmuteAsync(MutedMember muted)
    {
        Forget(muted.UserId);
        var current = await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, muted.UserId));
        // Lift only the restriction the bot applied: if it is no longer there (an admin changed it, or banned the user), leave it.
        if (current is ChatMemberRestricted { CanSendMessages: false })
        {
            var restored = muted.PreviousPermissions is { } previous
                ? TryAsync("restrictChatMember", () => Client.RestrictChatMember(GroupId, muted.UserId, previous.ToChatPermissions(), useIndependentChatPermissions: true,
                    untilDate: muted.PreviousUntilDate is { } until ? DateTimeOffset.FromUnixTimeSeconds(until).UtcDateTime : null))
                : TryAsync("restrictChatMember", () => Client.RestrictChatMember(GroupId, muted.UserId, new ChatPermissions(true), useIndependentChatPermissions: true));
            if (await restored)
            {
                S.UnmutedCount++;
                GrainMetrics.GuardUnmutes.Add(1);
                GuardLog.Unmuted(logger, GroupId, muted.UserId);
            }
        }
        // A prompt may name several members: it goes when the last of them is unmuted.
        if (muted.PromptMessageId is { } prompt && !S.Muted.Values.Any(m => m.PromptMessageId == prompt))
            await TryAsync("deleteMessage", () => Client.DeleteMessage(GroupId, prompt));
    }

    /// <summary>Posts the warning with join buttons if the group's warning budget allows. Like a join prompt, the send runs outside
    /// the grain's turns (it may wait on Telegram's 30 messages/s per bot, which a spam wave across many groups reaches), so neither
    /// this group's next update nor the bot's batch waits for it; a turn of <see cref="RecordWarningsAsync"/> schedules its deletion.</summary>
    /// <remarks>Counted as sent when it leaves (uncounted if Telegram refuses it), so the status is right at once. If the silo dies
    /// before the warning is recorded, it is not deleted automatically (as before, when it died between the send and the save).</remarks>
    private void Warn(GuardUser user, IReadOnlyList<LinkedChannel> missing, bool autoDelete)
    {
        if (!_warnings.TryAcquire(user.Id))
        {
            S.WarningsSuppressed++;
            return;
        }
        S.WarningsSent++;
        var timer = _warningTimer ??= this.RegisterGrainTimer(RecordWarningsAsync, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _warningSends.Add((SendOutsideTurn(WarningOf(user.FirstName, missing), timer, Timeout.InfiniteTimeSpan),
            autoDelete ? S.Settings.WarningDeleteAfterSeconds : 0));
    }

    /// <summary>In a turn: warnings whose send finished are uncounted if refused, or queued for deletion when they auto-delete.</summary>
    private async Task RecordWarningsAsync(CancellationToken cancellationToken)
    {
        var done = _warningSends.Where(w => w.Send.IsCompleted).ToList();
        foreach (var warning in done)
        {
            _warningSends.Remove(warning);
            Message? sent;
            try
            {
                sent = await warning.Send;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                GuardLog.CallFailed(logger, GroupId, "sendMessage", e.Message);
                sent = null;
            }
            if (sent is null)
            {
                S.WarningsSent--;
            }
            else if (warning.DeleteAfter > 0)
            {
                S.PendingDeletions.Add(new PendingDeletion(sent.MessageId, time.GetUtcNow().AddSeconds(warning.DeleteAfter)));
                EnsureSweep();
            }
        }
        // Written before the timer is disposed: Orleans cancels a timer's token when the timer is disposed, even from its own callback.
        if (done.Count > 0) await state.WriteStateAsync(cancellationToken);
        if (_warningSends.Count == 0)
        {
            _warningTimer?.Dispose();
            _warningTimer = null;
        }
    }

    /// <summary>The warning's text and buttons, taken from the settings now (in a turn), so the send itself may run outside one.</summary>
    private (string Text, InlineKeyboardMarkup Buttons) WarningOf(string names, IReadOnlyList<LinkedChannel> missing)
    {
        var rows = new List<List<InlineKeyboardButton>>();
        foreach (var channel in missing)
        {
            var url = channel.Username is { } name ? $"https://t.me/{name}" : channel.InviteLink;
            if (url is not null) rows.Add([InlineKeyboardButton.WithUrl("Join " + channel.Title, url)]);
        }
        rows.Add([InlineKeyboardButton.WithCallbackData(GuardTexts.JoinedButton, GuardTexts.JoinedData)]);
        return (GuardTexts.Warning(S.Settings.WarningText, names), new InlineKeyboardMarkup(rows));
    }

    /// <summary>Sends <paramref name="warning"/> outside the grain's turns (a send may wait on Telegram's 30 messages/s per bot),
    /// then fires <paramref name="recorder"/> at once so a turn records the outcome; the message, or null when Telegram refused it.</summary>
    private Task<Message?> SendOutsideTurn((string Text, InlineKeyboardMarkup Buttons) warning, IGrainTimer? recorder, TimeSpan recorderPeriod)
    {
        var client = Client;
        return Task.Run(async () =>
        {
            try
            {
                Message? sent = null;
                await TryAsync("sendMessage", async () => sent = await client.SendMessage(GroupId, warning.Text, replyMarkup: warning.Buttons));
                return sent;
            }
            finally
            {
                try { recorder?.Change(TimeSpan.Zero, recorderPeriod); }
                catch (ObjectDisposedException) { } // deactivated meanwhile
            }
        });
    }


    private async Task PauseAsync(LinkedChannel channel)
    {
        channel.Paused = true;
        GuardLog.ChannelPaused(logger, GroupId, channel.ChannelId);
        if (channel.PauseAnnounced) return;
        channel.PauseAnnounced = true;
        if (S.Enabled)
            await SayAsync($"I am no longer an administrator of \"{channel.Title}\", so I cannot see who is subscribed to it. " +
                "Nobody is muted for it until an admin makes me an administrator there again.");
    }

    // ---- membership ----

    private List<LinkedChannel> ActiveChannels() => S.Channels.Where(c => !c.Paused).ToList();

    private async Task<IReadOnlyList<LinkedChannel>> MissingChannelsAsync(long userId, bool bypassCache)
    {
        var missing = new List<LinkedChannel>();
        foreach (var channel in ActiveChannels())
        {
            var known = bypassCache ? null : _cache.Get(channel.ChannelId, userId);
            if (known is null)
            {
                try
                {
                    known = (await Client.GetChatMember(channel.ChannelId, userId)).IsInChat;
                    _cache.Set(channel.ChannelId, userId, known.Value);
                }
                catch (ApiRequestException e) when (e.ErrorCode is 400 or 403 && (e.Message.Contains("inaccessible", StringComparison.OrdinalIgnoreCase)
                    || e.Message.Contains("CHAT_ADMIN_REQUIRED", StringComparison.Ordinal) || e.Message.Contains("not a member", StringComparison.OrdinalIgnoreCase)))
                {
                    await PauseAsync(channel); // the bot lost its rights there: pause rather than mute everyone
                    continue;
                }
            }
            if (known == false) missing.Add(channel);
        }
        GrainMetrics.GuardVerifications.Add(1, new KeyValuePair<string, object?>("result", missing.Count == 0 ? "verified" : "missing"));
        NoteChecked(userId, missing.Count == 0);
        return missing;
    }

    /// <summary>Whether the guard leaves this user alone (bots, the allow-list, admins); with their group membership when it had to
    /// be asked (so muting them need not ask again).</summary>
    private async Task<(bool Exempt, ChatMember? Member)> IsExemptAsync(GuardUser user)
    {
        if (user.IsBot || S.AllowList.Contains(user.Id) || user.Id == BotId) return (true, null);
        var admin = _cache.Get(GroupId, user.Id);
        if (admin is not null) return (admin.Value, null);
        var member = await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, user.Id));
        if (member is null) return (true, null); // cannot tell: do no harm
        var isAdmin = member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;
        _cache.Set(GroupId, user.Id, isAdmin);
        return (isAdmin, member);
    }

    // ---- the bot's own rights in the group ----

    private async Task BotRightsChangedAsync(MemberChange change)
    {
        if (!S.Enabled) return;
        if (change.NewInChat && !(change.NewCanRestrict && change.NewCanDelete))
            await SayAsync("I need to be an administrator here with the rights to delete messages and restrict members; until then I cannot protect this group.");
    }

    // ---- plumbing ----

    private ITelegramBotClient Client => _client ?? throw new InvalidOperationException($"Group {GroupId} has no bot attached.");

    private async Task AttachBotAsync(string botKey, string? title)
    {
        if (S.BotKey != botKey || _client is null)
        {
            var token = await GrainFactory.GetGrain<IBotGrain>(botKey).GetTokenAsync();
            _client = clients.GetClient(token);
            if (S.BotKey != botKey)
            {
                S.BotKey = botKey;
                await state.WriteStateAsync();
            }
        }
        if (title is not null && S.Title != title) S.Title = title;
    }

    private async Task<string?> BotUsernameAsync() =>
        _botUsername ??= (await TryGetAsync("getMe", () => Client.GetMe()))?.Username;

    private async Task SayAsync(string text) => await TryAsync("sendMessage", () => Client.SendMessage(GroupId, text));

    private Task AnswerAsync(string queryId, string text, bool alert = false) =>
        TryAsync("answerCallbackQuery", () => Client.AnswerCallbackQuery(queryId, text, alert));

    private async Task<bool> TryAsync(string method, Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (RequestException e)
        {
            GuardLog.CallFailed(logger, GroupId, method, e.Message);
            return false;
        }
    }

    private async Task<T?> TryGetAsync<T>(string method, Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (RequestException e)
        {
            GuardLog.CallFailed(logger, GroupId, method, e.Message);
            return null;
        }
    }

    private void EnsureSweep() => _sweep ??= this.RegisterGrainTimer(SweepAsync, _options.DeletionSweepInterval, _options.DeletionSweepInterval);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = S.PendingDeletions.Where(d => d.DeleteAt <= now).ToList();
        if (due.Count == 0 || S.BotKey is null) return;
        await AttachBotAsync(S.BotKey, null);
        foreach (var deletion in due) await TryAsync("deleteMessage", () => Client.DeleteMessage(GroupId, deletion.MessageId));
        S.PendingDeletions.RemoveAll(due.Contains);
        await state.WriteStateAsync(cancellationToken);
        if (S.PendingDeletions.Count == 0)
        {
            _sweep?.Dispose();
            _sweep = null;
        }
    }

    [GeneratedRegex(@"^@[A-Za-z][A-Za-z0-9_]{3,31}$")]
    private static partial Regex ChannelUsername();

    [GeneratedRegex(@"^-?\d{1,19}$")]
    private static partial Regex ChannelNumber();
}

using Telegram.Bot.Types;

namespace Cluster.Telegram.Bots.Limits;

/// <summary>Holds a bot's sends back until Telegram's limits allow them, per chat and bot-wide, and pauses a chat (or the bot)
/// after a 429.</summary>
/// <remarks>A send counts from the moment it leaves until its answer arrives: whenever the server sees it, it falls inside that
/// span, so "at most N in any window" holds on the server's clock too, whatever the network delay (a departure-time limiter
/// gets 429s when requests bunch up on the way). Sends to one chat go one at a time in call order (a lane), so a chat's
/// messages arrive in order; a chat waiting for its window never blocks other chats. The framework's rate limiters replenish
/// on timer ticks and know nothing of answers, so they cannot give this guarantee; this small scheduler can. Bot-wide sends are
/// also paced (one every W/N after a small burst): a burst of N requests would queue at the server, lengthen every answer and so
/// hold the window shut longer.</remarks>
public sealed class OutgoingRateLimiter
{
    private const int SweepEvery = 1024;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _globalTurn = new(1, 1);
    private readonly Dictionary<string, ChatLane> _lanes = new(StringComparer.Ordinal);
    private readonly BotRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly SendLog _global;
    private readonly long _globalWindow;
    private readonly long _privateWindow;
    private readonly long _groupWindow;
    private readonly long _paceSpacing;
    private readonly long _paceTolerance;
    private long _paceCursor;
    private int _globalInFlight;
    private TaskCompletionSource _globalChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _botPausedUntil;
    private int _entriesSinceSweep;

    public OutgoingRateLimiter(BotRateLimitOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        var margin = options.WindowMargin.Ticks;
        // N sends per window W with N = floor(rate) (at least 1) and W = N / rate: 30/s is 30 per second, 0.5/s is 1 per 2 s.
        var rate = options.EffectiveMessagesPerSecond;
        var globalLimit = (int)Math.Max(1, Math.Floor(rate));
        _global = new SendLog(globalLimit);
        _globalWindow = (long)Math.Ceiling(globalLimit / rate * TimeSpan.TicksPerSecond) + margin;
        // Pacing (a generic cell rate algorithm): sends leave one every W/N, with a burst of BurstFraction * N at once.
        _paceSpacing = _globalWindow / globalLimit;
        var burst = Math.Max(1, (int)Math.Floor(globalLimit * options.BurstFraction));
        _paceTolerance = _paceSpacing * (burst - 1);
        _privateWindow = TimeSpan.TicksPerSecond + margin;
        _groupWindow = TimeSpan.TicksPerMinute + margin;
    }

    /// <summary>How many messages the bot may send in one bot-wide window; a larger request is counted as this many.</summary>
    public int MessagesPerWindow => _global.Limit;

    /// <summary>The number of chats with a lane in memory (for tests and metrics).</summary>
    public int TrackedChats { get { lock (_gate) return _lanes.Count; } }

    /// <summary>Waits for the chat's turn: earlier sends to the same chat finish (or give up) first.</summary>
    public async ValueTask<ChatTurn> EnterAsync(ChatId chat, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ChatLane lane;
        Task previous;
        lock (_gate)
        {
            if (++_entriesSinceSweep >= SweepEvery)
                SweepIdleLanes();
            var key = KeyOf(chat);
            if (!_lanes.TryGetValue(key, out lane!))
            {
                lane = IsPrivate(chat)
                    ? new ChatLane(key, _options.PrivateChatMessagesPerSecond, _privateWindow)
                    : new ChatLane(key, _options.GroupMessagesPerMinute, _groupWindow);
                _lanes[key] = lane;
            }
            previous = lane.Tail;
            lane.Tail = mine.Task;
            lane.Holders++;
        }

        var turn = new ChatTurn(this, lane, mine);
        if (!previous.IsCompleted)
        {
            try
            {
                await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Those queued behind us must still wait for the send ahead of us, not for our cancellation.
                _ = previous.ContinueWith(_ => turn.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }
        return turn;
    }

    /// <summary>Waits until the chat's window, any flood-control pause and the bot-wide window allow one more request of
    /// <paramref name="messages"/> messages, then counts it in flight.</summary>
    /// <returns>Null when the send may go; otherwise the remaining pause, longer than <see cref="BotRateLimitOptions.MaxRetryAfter"/>, which the caller surfaces.</returns>
    internal async ValueTask<TimeSpan?> WaitForSlotAsync(ChatLane lane, int messages, CancellationToken cancellationToken)
    {
        // An album or a batch copy is one request for the chat but counts every message toward the bot's rate.
        while (true)
        {
            // First the chat's own window and pause: only this lane's head waits here, so nobody else is woken.
            long delay;
            lock (_gate)
            {
                var now = Now;
                var pausedUntil = Math.Max(lane.PausedUntil, _botPausedUntil);
                if (pausedUntil - now > _options.MaxRetryAfter.Ticks)
                    return TimeSpan.FromTicks(pausedUntil - now);
                delay = Math.Max(pausedUntil, lane.Log.NextAllowed(lane.Window, inFlight: 0)) - now;
            }
            if (delay > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(delay), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Then the bot-wide window, one waiter at a time in arrival order, so hundreds of ready chats do not all wake
            // and re-check on every answer.
            await _globalTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (await WaitForBotWideSlotAsync(lane, messages, cancellationToken).ConfigureAwait(false))
                    return null;
            }
            finally
            {
                _globalTurn.Release();
            }
        }
    }

    /// <summary>Holding the bot-wide turn: waits for the bot-wide window and takes it (true), or gives up when the chat got
    /// paused meanwhile (false), to wait for the chat again.</summary>
    private async ValueTask<bool> WaitForBotWideSlotAsync(ChatLane lane, int messages, CancellationToken cancellationToken)
    {
        while (true)
        {
            long delay;
            Task? globalChanged = null;
            lock (_gate)
            {
                var now = Now;
                var chatAt = Math.Max(Math.Max(lane.PausedUntil, _botPausedUntil), lane.Log.NextAllowed(lane.Window, inFlight: 0));
                if (chatAt > now)
                    return false;
                var globalAt = _global.NextAllowed(_globalWindow, _globalInFlight + messages - 1);
                if (globalAt == long.MaxValue)
                {
                    globalChanged = _globalChanged.Task; // every bot-wide place is in flight: wait for an answer
                    delay = 0;
                }
                else
                {
                    var allowedAt = Math.Max(globalAt, _paceCursor - _paceTolerance);
                    if (allowedAt <= now)
                    {
                        _globalInFlight += messages;
                        _paceCursor = Math.Max(_paceCursor, now) + _paceSpacing * messages;
                        return true;
                    }
                    delay = allowedAt - now;
                }
            }
            if (globalChanged is not null)
                await globalChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
            else
                await Task.Delay(TimeSpan.FromTicks(delay), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Counts a send as done when its answer arrived (or it failed): it stays in the chat's and the bot's windows from now.</summary>
    internal void Completed(ChatLane lane, int messages)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var now = Now;
            lane.Log.Record(now);
            for (var i = 0; i < messages; i++)
                _global.Record(now);
            _globalInFlight -= messages;
            changed = _globalChanged;
            _globalChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Pauses sends to the chat (or, with <see cref="BotRateLimitOptions.PauseWholeBotOn429"/>, the whole bot) for a 429's retry_after.</summary>
    internal void Pause(ChatLane lane, TimeSpan duration)
    {
        lock (_gate)
        {
            var until = Now + duration.Ticks;
            if (_options.PauseWholeBotOn429)
                _botPausedUntil = Math.Max(_botPausedUntil, until);
            else
                lane.PausedUntil = Math.Max(lane.PausedUntil, until);
        }
    }

    internal void Release(ChatLane lane, TaskCompletionSource turn)
    {
        lock (_gate)
            lane.Holders--;
        turn.TrySetResult();
    }

    private long Now => _time.GetElapsedTime(_origin).Ticks;

    private static bool IsPrivate(ChatId chat) => chat.Username is null && chat.Identifier > 0;

    /// <summary>One lane per chat: a numeric id, or a username whatever its case (Telegram's usernames ignore case).</summary>
    private static string KeyOf(ChatId chat) =>
        chat.Username is { } username ? username.ToLowerInvariant() : chat.Identifier?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private void SweepIdleLanes()
    {
        _entriesSinceSweep = 0;
        var now = Now;
        List<string>? idle = null;
        foreach (var (chat, lane) in _lanes)
        {
            if (lane.Holders == 0 && lane.PausedUntil <= now && lane.Log.Newest + lane.Window <= now)
                (idle ??= []).Add(chat);
        }
        if (idle is not null)
            foreach (var chat in idle)
                _lanes.Remove(chat);
    }
}

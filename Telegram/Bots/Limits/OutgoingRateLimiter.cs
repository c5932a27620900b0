using Cluster.Telegram.Bots.Types;

namespace Cluster.Telegram.Bots.Limits;

/// <summary>Holds a bot's sends back until Telegram's limits allow them: per chat (a sliding log) and bot-wide (even spacing),
/// and pauses a chat or the bot after a 429.</summary>
/// <remarks>Sends to one chat go one at a time in call order (a lane), so a chat's messages arrive in order and its log is
/// monotonic. A send first waits for its chat's window, then takes the next bot-wide slot: waiting chats never block others.
/// The framework's rate limiters replenish on timer ticks (100 ms for partitioned ones), which cannot promise "never more
/// than N in any window" for two nested limits; this small scheduler can, and is exact to the timer's resolution.</remarks>
public sealed class OutgoingRateLimiter
{
    private const int SweepEvery = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<ChatId, ChatLane> _lanes = [];
    private readonly BotRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly long _globalSpacing;
    private readonly long _privateWindow;
    private readonly long _groupWindow;
    private long _nextGlobalSlot;
    private long _botPausedUntil;
    private int _entriesSinceSweep;

    public OutgoingRateLimiter(BotRateLimitOptions options, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        var margin = options.WindowMargin.Ticks;
        _globalSpacing = (long)Math.Ceiling((TimeSpan.TicksPerSecond + margin) / options.EffectiveMessagesPerSecond);
        _privateWindow = TimeSpan.TicksPerSecond + margin;
        _groupWindow = TimeSpan.TicksPerMinute + margin;
    }

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
            if (!_lanes.TryGetValue(chat, out lane!))
                _lanes[chat] = lane = new ChatLane(chat, IsPrivate(chat) ? _options.PrivateChatMessagesPerSecond : _options.GroupMessagesPerMinute);
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

    /// <summary>Waits until the chat's window, any flood-control pause and the next bot-wide slot allow one message.</summary>
    /// <returns>Null when the send may go; otherwise the remaining pause, longer than <see cref="BotRateLimitOptions.MaxRetryAfter"/>, which the caller surfaces.</returns>
    internal async ValueTask<TimeSpan?> WaitForSlotAsync(ChatLane lane, CancellationToken cancellationToken)
    {
        while (true)
        {
            long delay;
            bool reserved;
            lock (_gate)
            {
                var now = Now;
                var pausedUntil = Math.Max(lane.PausedUntil, _botPausedUntil);
                if (pausedUntil - now > _options.MaxRetryAfter.Ticks)
                    return TimeSpan.FromTicks(pausedUntil - now);
                var chatAllows = Math.Max(pausedUntil, lane.NextAllowed(IsPrivate(lane.Chat) ? _privateWindow : _groupWindow));
                reserved = chatAllows <= now;
                if (reserved)
                {
                    // Take the next bot-wide slot; once taken nobody can overtake it, so only its wait remains.
                    var slot = Math.Max(now, _nextGlobalSlot);
                    _nextGlobalSlot = slot + _globalSpacing;
                    lane.Record(slot);
                    delay = slot - now;
                }
                else
                {
                    delay = chatAllows - now;
                }
            }
            if (delay > 0)
                await Task.Delay(TimeSpan.FromTicks(delay), _time, cancellationToken).ConfigureAwait(false);
            if (reserved)
                return null;
        }
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

    private void SweepIdleLanes()
    {
        _entriesSinceSweep = 0;
        var now = Now;
        List<ChatId>? idle = null;
        foreach (var (chat, lane) in _lanes)
        {
            var window = IsPrivate(chat) ? _privateWindow : _groupWindow;
            if (lane.Holders == 0 && lane.PausedUntil <= now && lane.LastSend + window <= now)
                (idle ??= []).Add(chat);
        }
        if (idle is not null)
            foreach (var chat in idle)
                _lanes.Remove(chat);
    }
}

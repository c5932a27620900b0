using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Broadcasts;

/// <summary>A bucket of a bot's subscribers (see <see cref="IBotSubscribersGrain"/>): users are added by the bot grain's update
/// handling and marked blocked by broadcasts; a user who reaches the bot again is unblocked.</summary>
[GrainType("bot-subscribers")]
public sealed class BotSubscribersGrain([PersistentState("subscribers")] IPersistentState<BotSubscribersState> state) : Grain, IBotSubscribersGrain
{
    public async Task RecordAsync(IReadOnlyList<SubscriberEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var changed = false;
        foreach (var e in events)
        {
            if (e.MessageId > state.State.MaxMessageId) { state.State.MaxMessageId = e.MessageId; changed = true; }
            if (!state.State.Users.TryGetValue(e.UserId, out var entry))
            {
                state.State.Users[e.UserId] = new SubscriberEntry { Since = e.At, LastSeen = e.At };
                changed = true;
                continue;
            }
            if (e.At > entry.LastSeen) { entry.LastSeen = e.At; changed = true; }
            // Reaching the bot again means the user can be written to: a /start, or a message (Telegram's clients unblock first).
            if (entry.BlockedAt is { } blocked && e.At >= blocked) { entry.BlockedAt = null; changed = true; }
        }
        if (changed) await state.WriteStateAsync();
    }

    public async Task MarkBlockedAsync(IReadOnlyList<long> userIds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var changed = false;
        foreach (var id in userIds)
        {
            if (!state.State.Users.TryGetValue(id, out var entry))
                state.State.Users[id] = entry = new SubscriberEntry { Since = at, LastSeen = at };
            // A /start that came after the refused send wins: the user unblocked the bot meanwhile.
            if (entry.BlockedAt is null && entry.LastSeen <= at)
            {
                entry.BlockedAt = at;
                changed = true;
            }
        }
        if (changed) await state.WriteStateAsync();
    }

    public Task<SubscriberList> GetAsync()
    {
        var active = new List<long>();
        var blocked = new List<long>();
        foreach (var (id, entry) in state.State.Users)
            (entry.BlockedAt is null ? active : blocked).Add(id);
        active.Sort();
        blocked.Sort();
        return Task.FromResult(new SubscriberList(active, blocked, state.State.MaxMessageId));
    }
}

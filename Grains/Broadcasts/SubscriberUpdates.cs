using Cluster.Grains.Abstractions.Broadcasts;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Broadcasts;

/// <summary>Reads who subscribes to a bot from its updates: a user's /start or other message in the private chat with the bot
/// subscribes them (and lifts a blocked mark); Telegram's my_chat_member in a private chat says when a user blocks (kicked) or
/// unblocks (member) the bot.</summary>
internal static class SubscriberUpdates
{
    /// <summary>What the update says about a subscriber, or null when it says nothing.</summary>
    public static (long UserId, SubscriberEvent? Reached, DateTimeOffset? BlockedAt)? Read(Update update)
    {
        if (update.Message is { Chat.Type: ChatType.Private, From: { IsBot: false } from } message && message.Chat.Id == from.Id)
        {
            var started = (message.Text ?? "").StartsWith("/start", StringComparison.Ordinal);
            return (from.Id, new SubscriberEvent(from.Id, started, At(message.Date), message.MessageId), null);
        }
        if (update.MyChatMember is { Chat.Type: ChatType.Private, From: { IsBot: false } user } change)
        {
            return change.NewChatMember.Status == ChatMemberStatus.Kicked
                ? (user.Id, null, At(change.Date))
                : (user.Id, new SubscriberEvent(user.Id, false, At(change.Date)), null);
        }
        return null;
    }

    /// <summary>Records a batch's subscriber changes, one call per bucket.</summary>
    public static Task RecordAsync(IGrainFactory grains, long botId, IReadOnlyList<(long UserId, SubscriberEvent? Reached, DateTimeOffset? BlockedAt)> changes)
    {
        if (changes.Count == 0) return Task.CompletedTask;
        return Task.WhenAll(changes.GroupBy(c => BroadcastKeys.SubscriberBucket(botId, c.UserId)).Select(async bucket =>
        {
            var grain = grains.GetGrain<IBotSubscribersGrain>(bucket.Key);
            var reached = bucket.Where(c => c.Reached is not null).Select(c => c.Reached!).ToList();
            if (reached.Count > 0) await grain.RecordAsync(reached);
            foreach (var blocked in bucket.Where(c => c.BlockedAt is not null))
                await grain.MarkBlockedAsync(new List<long> { blocked.UserId }, blocked.BlockedAt!.Value);
        }));
    }

    private static DateTimeOffset At(DateTime date) => new(DateTime.SpecifyKind(date, DateTimeKind.Utc));
}

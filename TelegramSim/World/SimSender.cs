namespace Cluster.TelegramSim.World;

/// <summary>Who a new message is from: a user, or a channel (posted by <see cref="PostedByUserId"/>).</summary>
internal readonly record struct SimSender(long? UserId, long? ChatId, long? PostedByUserId)
{
    public static SimSender For(SimChat chat, long userId) =>
        chat.Type == SimChatType.Channel ? new SimSender(null, chat.Id, userId) : new SimSender(userId, null, null);
}

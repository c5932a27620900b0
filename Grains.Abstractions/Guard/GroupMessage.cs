namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A message in a protected group, as routed by the bot grain (text, sender, joins).</summary>
/// <remarks>From is null for anonymous admins and channel senders (SenderChatId set); NewMembers is set for join service messages.</remarks>
public sealed record GroupMessage(long ChatId, int MessageId, GuardUser? From, long? SenderChatId, string? Text,
    IReadOnlyList<GuardUser>? NewMembers, string? ChatTitle);

namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A message in a protected group, as routed by the bot grain (text, sender, joins).</summary>
/// <remarks>From is null for anonymous admins and channel senders (SenderChatId set); NewMembers is set for join service messages.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.GroupMessage")]
public sealed record GroupMessage([Id(0)] long ChatId, [Id(1)] int MessageId, [Id(2)] GuardUser? From, [Id(3)] long? SenderChatId, [Id(4)] string? Text,
    [Id(5)] IReadOnlyList<GuardUser>? NewMembers, [Id(6)] string? ChatTitle);

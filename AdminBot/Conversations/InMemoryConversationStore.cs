using System.Collections.Concurrent;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>Conversations in this process only: the command line's one-shot runs, which never keep one.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<long, AdminConversation> _conversations = new();

    public Task<AdminConversation?> GetAsync(long adminUserId, CancellationToken cancellationToken)
        => Task.FromResult(_conversations.GetValueOrDefault(adminUserId));

    public Task SaveAsync(long adminUserId, AdminConversation conversation, CancellationToken cancellationToken)
    {
        _conversations[adminUserId] = conversation;
        return Task.CompletedTask;
    }

    public Task ClearAsync(long adminUserId, CancellationToken cancellationToken)
    {
        _conversations.TryRemove(adminUserId, out _);
        return Task.CompletedTask;
    }
}

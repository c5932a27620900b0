using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>Keeps each admin's conversation, so a half-finished /add_worker survives a restart of the admin bot.</summary>
public interface IConversationStore
{
    Task<AdminConversation?> GetAsync(long adminUserId, CancellationToken cancellationToken);

    Task SaveAsync(long adminUserId, AdminConversation conversation, CancellationToken cancellationToken);

    Task ClearAsync(long adminUserId, CancellationToken cancellationToken);
}

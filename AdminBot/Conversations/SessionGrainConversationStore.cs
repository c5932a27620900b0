using System.Globalization;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>Conversations in the admin's <see cref="IAdminSessionGrain"/> (key: the Telegram user id), persisted by the
/// cluster, so a half-finished conversation survives a restart of the admin bot (the api_hash encrypted at rest).</summary>
public sealed class SessionGrainConversationStore(IGrainFactory grains) : IConversationStore
{
    public Task<AdminConversation?> GetAsync(long adminUserId, CancellationToken cancellationToken) => Session(adminUserId).GetAsync();

    public Task SaveAsync(long adminUserId, AdminConversation conversation, CancellationToken cancellationToken) => Session(adminUserId).SaveAsync(conversation);

    public Task ClearAsync(long adminUserId, CancellationToken cancellationToken) => Session(adminUserId).ClearAsync();

    private IAdminSessionGrain Session(long adminUserId) => grains.GetGrain<IAdminSessionGrain>(adminUserId.ToString(CultureInfo.InvariantCulture));
}

using System.Collections.Concurrent;
using System.Globalization;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Access;

/// <summary>Which non-admins were refused, kept in the cluster (an <see cref="IAdminSessionGrain"/> row with the reserved
/// key <c>refused:&lt;user id&gt;</c>, never expiring), so each user is refused once ever, also across restarts of the bot.
/// Users refused by this process are remembered in memory too, so a stranger's flood costs no grain calls.</summary>
public sealed class SessionGrainRefusalBook(IGrainFactory grains) : IRefusalBook
{
    private readonly ConcurrentDictionary<long, bool> _known = new();

    public async Task<bool> MarkRefusedAsync(long userId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(userId)) return false;
        var row = grains.GetGrain<IAdminSessionGrain>("refused:" + userId.ToString(CultureInfo.InvariantCulture));
        var first = await row.GetAsync() is null;
        if (first) await row.SaveAsync(new AdminConversation { Command = "refused", Step = "told", ExpiresAt = DateTimeOffset.MaxValue });
        _known[userId] = true;
        return first;
    }
}

using Cluster.AdminBot.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Access;

/// <summary>The Telegram user ids allowed to use the bot (<c>AdminBot:Admins</c>); everyone else is refused once.</summary>
public sealed class AdminAllowList(IOptions<AdminBotOptions> options)
{
    private readonly HashSet<long> _admins = [.. options.Value.Admins];

    public bool IsAdmin(long userId) => _admins.Contains(userId);
}

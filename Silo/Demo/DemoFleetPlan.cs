using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Demo;
using Cluster.TelegramSim.World;

namespace Cluster.Silo.Demo;

/// <summary>The accounts and channel pairs of the demo, derived from the simulator's world as its control API reports
/// it: every account whose user name starts with "demo_", and every demo channel that has a "&lt;title&gt; Mirror" channel,
/// forwarded by the account that owns the demo channels (demo_alice).</summary>
public sealed record DemoFleetPlan(IReadOnlyList<DemoAccountPlan> Accounts, IReadOnlyList<DemoPairPlan> Pairs)
{
    /// <summary>The user name of the demo account that reads the sources and posts to the mirrors.</summary>
    public const string ForwarderUsername = "demo_alice";

    public bool IsEmpty => Accounts.Count == 0;

    public static DemoFleetPlan From(WorldSummary world, string accountPrefix)
    {
        var users = world.Users.ToDictionary(u => u.Id);
        var accounts = new List<DemoAccountPlan>();
        string? forwarderId = null;
        foreach (var account in world.Accounts.OrderBy(a => a.UserId))
        {
            if (!users.TryGetValue(account.UserId, out var user) || user.Username is not { } username || !username.StartsWith("demo_", StringComparison.Ordinal)) continue;
            var id = accountPrefix + username["demo_".Length..];
            accounts.Add(new DemoAccountPlan(id, user.FirstName + " (demo)", account.PhoneNumber, account.LoginCode,
                account.HasPassword ? DemoWorld.Password : null, user.IsPremium));
            if (username == ForwarderUsername) forwarderId = id;
        }

        var pairs = new List<DemoPairPlan>();
        if (forwarderId is not null)
        {
            var channels = world.Chats.Where(c => c.Type == SimChatType.Channel).ToList();
            foreach (var source in channels.Where(c => c.Username is { } u && u.StartsWith("demo_", StringComparison.Ordinal)))
            {
                var mirror = channels.FirstOrDefault(c => c.Title == source.Title + " Mirror");
                if (mirror is null) continue;
                var pairId = "demo-" + source.Username!["demo_".Length..];
                pairs.Add(new DemoPairPlan(pairId, $"{source.Title} -> {mirror.Title}", "@" + source.Username, mirror.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), forwarderId, source.LastMessageId));
            }
        }
        return new DemoFleetPlan(accounts, pairs);
    }
}

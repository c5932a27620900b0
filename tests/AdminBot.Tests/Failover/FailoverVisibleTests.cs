using System.Text.RegularExpressions;
using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.AdminBot.Tests.Failover;

/// <summary>Failover as the operator sees it: after a silo is killed, /workers names the silo the account runs on now.
/// Two silos form one cluster only on PostgreSQL (its membership table).</summary>
[Trait("Category", "Cluster")]
public sealed partial class FailoverVisibleTests
{
    [Fact]
    public async Task Workers_shows_the_new_silo_of_an_account_after_its_silo_was_killed()
    {
        await using var cluster = await SimulatedCluster.StartAsync(silos: 2, postgres: true);
        var (id, _, _) = await cluster.AddActiveWorkerAsync("survivor");
        using var chat = cluster.AdminChat();
        var before = SiloOf((await chat.FindInPagesAsync("/workers", id + " ")).Text, id);
        Assert.True(before is "silo-1" or "silo-2", $"/workers showed silo '{before}' for {id}");
        var doomed = cluster.Silos[before == "silo-1" ? 0 : 1];

        doomed.Kill();

        var after = await Eventually.WaitAsync(async () => SiloOf((await chat.FindInPagesAsync("/workers", id + " ")).Text, id), s => s is not null && s != "-" && s != before,
            $"/workers naming the other silo for {id}", TimeSpan.FromSeconds(50));
        Assert.Equal(before == "silo-1" ? "silo-2" : "silo-1", after);
        Assert.Equal(AccountState.Active, (await cluster.Grains.GetGrain<IAccountGrain>(id).GetStatusAsync()).State);
        var location = await cluster.View.SiloOfAccountAsync(id, await cluster.View.SilosAsync());
        Assert.Equal(after, location?.Name);
    }

    private static string? SiloOf(string workers, string id)
    {
        var lines = workers.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
        if (at < 0 || at + 1 >= lines.Length) return null;
        var match = SiloPattern().Match(lines[at + 1]);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"silo (\S+) ·")]
    private static partial Regex SiloPattern();
}

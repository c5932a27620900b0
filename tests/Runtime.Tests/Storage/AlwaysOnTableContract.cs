using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>What the always-on registry promises on every provider: adding and removing are idempotent.</summary>
public abstract class AlwaysOnTableContract(string provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task Adding_twice_lists_the_grain_once()
    {
        await Storage.AlwaysOn.AddAsync("bot/7", "Bot", None);
        await Storage.AlwaysOn.AddAsync("account/1", "Account", None);
        await Storage.AlwaysOn.AddAsync("bot/7", "Bot", None);

        Assert.Equal([new AlwaysOnEntry("account/1", "Account"), new AlwaysOnEntry("bot/7", "Bot")], await Storage.AlwaysOn.ListAsync(None));
    }

    [Fact]
    public async Task Removing_twice_or_removing_an_unknown_grain_is_harmless()
    {
        await Storage.AlwaysOn.AddAsync("bot/7", "Bot", None);
        await Storage.AlwaysOn.AddAsync("account/1", "Account", None);

        await Storage.AlwaysOn.RemoveAsync("bot/7", None);
        await Storage.AlwaysOn.RemoveAsync("bot/7", None);
        await Storage.AlwaysOn.RemoveAsync("never-added", None);

        Assert.Equal([new AlwaysOnEntry("account/1", "Account")], await Storage.AlwaysOn.ListAsync(None));
    }
}

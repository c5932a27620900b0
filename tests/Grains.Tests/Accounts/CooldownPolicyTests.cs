using Cluster.Grains.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Accounts;

public class CooldownPolicyTests
{
    [Fact]
    public void Flood_wait_is_multiplied()
        => Assert.Equal(TimeSpan.FromSeconds(45), new CooldownPolicy(1.5, TimeSpan.FromHours(1)).CooldownFor(TimeSpan.FromSeconds(30)));

    [Fact]
    public void Multiplied_wait_is_capped()
        => Assert.Equal(TimeSpan.FromMinutes(10), new CooldownPolicy(2, TimeSpan.FromMinutes(10)).CooldownFor(TimeSpan.FromMinutes(8)));

    [Fact]
    public void Cap_never_shortens_the_flood_wait_itself()
        => Assert.Equal(TimeSpan.FromHours(2), new CooldownPolicy(2, TimeSpan.FromMinutes(10)).CooldownFor(TimeSpan.FromHours(2)));

    [Fact]
    public void A_later_flood_wait_can_only_extend_a_cooldown()
    {
        var policy = new CooldownPolicy(1, TimeSpan.FromHours(1));
        var now = Msg.T0;
        Assert.Equal(now.AddMinutes(30), policy.CooldownUntil(now, TimeSpan.FromSeconds(10), currentUntil: now.AddMinutes(30)));
        Assert.Equal(now.AddMinutes(40), policy.CooldownUntil(now, TimeSpan.FromMinutes(40), currentUntil: now.AddMinutes(30)));
    }

    [Fact]
    public void Options_below_one_are_refused_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => new AccountOptions { FloodWaitMultiplier = 0.5 }.Validate());
        Assert.Contains("Cluster:Accounts:FloodWaitMultiplier", e.Message);
    }
}

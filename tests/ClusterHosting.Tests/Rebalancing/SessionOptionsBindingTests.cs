using Cluster.Hosting.Hosting;
using Cluster.Hosting.Placement;
using Cluster.Hosting.Rebalancing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Tests.Rebalancing;

/// <summary>The session and rebalancing settings as a silo built by UseClusterSilo binds and checks them (not started).</summary>
public sealed class SessionOptionsBindingTests
{
    private static IHost Silo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration));
        return builder.Build();
    }

    [Fact]
    public void Defaults_hold_and_settings_are_bound_from_Cluster_Sessions_and_Cluster_Rebalancing()
    {
        using var defaults = Silo([]);
        var sessions = defaults.Services.GetRequiredService<IOptions<SessionCapacityOptions>>().Value;
        var rebalancing = defaults.Services.GetRequiredService<IOptions<RebalancingOptions>>().Value;
        Assert.Equal((200, true, TimeSpan.FromMinutes(1)), (sessions.Capacity, sessions.PremiumPreemption, sessions.PreemptedPlaceKept));
        Assert.Equal((true, TimeSpan.FromSeconds(10), 50, 5, 10), (rebalancing.Enabled, rebalancing.Interval, rebalancing.MaxQueuedMovesPerRound,
            rebalancing.MaxMovesPerRound, rebalancing.MinimumSpread));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)),
            (rebalancing.BalanceCooldown, rebalancing.SettleTime, rebalancing.ReservationTimeout, rebalancing.CallTimeout));

        using var configured = Silo(new()
        {
            ["Cluster:Sessions:Capacity"] = "12",
            ["Cluster:Sessions:PremiumPreemption"] = "false",
            ["Cluster:Rebalancing:Interval"] = "00:00:03",
            ["Cluster:Rebalancing:MinimumSpread"] = "4",
        });
        Assert.Equal(12, configured.Services.GetRequiredService<SessionSlots>().Capacity);
        Assert.False(configured.Services.GetRequiredService<IOptions<SessionCapacityOptions>>().Value.PremiumPreemption);
        var bound = configured.Services.GetRequiredService<IOptions<RebalancingOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(3), 4), (bound.Interval, bound.MinimumSpread));
    }

    [Theory]
    [InlineData("Cluster:Sessions:Capacity", "0")]
    [InlineData("Cluster:Sessions:PreemptedPlaceKept", "00:00:00")]
    [InlineData("Cluster:Rebalancing:Interval", "00:00:00")]
    [InlineData("Cluster:Rebalancing:MaxQueuedMovesPerRound", "0")]
    [InlineData("Cluster:Rebalancing:MaxMovesPerRound", "-1")]
    [InlineData("Cluster:Rebalancing:MinimumSpread", "0")]
    [InlineData("Cluster:Rebalancing:SettleTime", "-00:00:01")]
    [InlineData("Cluster:Rebalancing:ReservationTimeout", "00:00:00")]
    [InlineData("Cluster:Rebalancing:CallTimeout", "00:00:00")]
    public void An_invalid_setting_is_refused_with_its_name(string key, string value)
    {
        using var silo = Silo(new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = silo.Services.GetRequiredService<IOptions<SessionCapacityOptions>>().Value;
            _ = silo.Services.GetRequiredService<IOptions<RebalancingOptions>>().Value;
        });
        Assert.Contains(key, error.Message);
    }
}

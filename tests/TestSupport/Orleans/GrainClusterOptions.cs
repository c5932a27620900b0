using Cluster.TelegramSim;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.TestSupport.Orleans;

/// <summary>How a <see cref="GrainCluster"/> starts: its silos, the simulator's options, settings for every silo, and extra
/// services.</summary>
public sealed class GrainClusterOptions
{
    /// <summary>Silos started by <see cref="GrainCluster.StartAsync"/> (0: start them with <see cref="GrainCluster.StartSiloAsync"/>,
    /// e.g. each with its own settings). Default 1.</summary>
    public int Silos { get; set; } = 1;

    /// <summary>The in-process Telegram simulator's options. Default: Telegram's limits on, as the simulator's defaults.</summary>
    public TelegramSimulatorOptions Simulator { get; set; } = new();

    /// <summary>Configuration of every silo (on top of what the cluster sets itself: identity, endpoints, storage, the session
    /// encryption key and folder). A null value removes a key. Copied into <see cref="GrainCluster.Settings"/>, where later
    /// changes apply to silos started afterwards.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Services added to every silo after the product's (e.g. a wrapper around the account client factory). Gets the
    /// silo's configuration.</summary>
    public Action<IServiceCollection, IConfiguration>? ConfigureServices { get; set; }

    /// <summary>Settings that make grains react in about a second instead of a minute: account housekeeping 0.5 s, pair
    /// retries 0.3 s doubling to 2 s, catch-up every 1 s, the always-on keeper every 1 s, bot polls of 5 s, guard sweeps and
    /// registry publications every 1 s. The two old test hosts used these.</summary>
    public static IReadOnlyDictionary<string, string?> FastTimings { get; } = new Dictionary<string, string?>
    {
        ["Cluster:Accounts:HousekeepingInterval"] = "00:00:00.500",
        ["Cluster:Accounts:ReconnectDelay"] = "00:00:01",
        ["Cluster:Accounts:TelegramCallTimeout"] = "00:00:10",
        ["Cluster:Forwarding:RetryDelay"] = "00:00:00.300",
        ["Cluster:Forwarding:MaxRetryDelay"] = "00:00:02",
        ["Cluster:Forwarding:CatchUpInterval"] = "00:00:01",
        ["Cluster:Forwarding:RegistryPublishInterval"] = "00:00:00",
        ["Cluster:AlwaysOn:KeepAliveInterval"] = "00:00:01",
        ["Cluster:Bots:PollTimeout"] = "00:00:05",
        ["Cluster:Guard:DeletionSweepInterval"] = "00:00:01",
        ["Cluster:Guard:RegistryPublishInterval"] = "00:00:01",
    };

    /// <summary>Adds <see cref="FastTimings"/> to <see cref="Settings"/> (keys already set stay).</summary>
    public GrainClusterOptions WithFastTimings()
    {
        foreach (var (key, value) in FastTimings) Settings.TryAdd(key, value);
        return this;
    }
}

using Cluster.Runtime.Keeping;
using Cluster.Runtime.Management;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Rebalancing;
using Cluster.Runtime.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>Wires the cluster services of a silo (membership, placement, always-on keeper, rebalancer,
/// reminders, management). Called by the core's hosting (<c>UseClusterRuntime</c>).</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>Adds membership (as a hosted service) and placement, bound from <paramref name="configuration"/>
    /// (the root configuration; sections <c>Cluster:Membership</c>, <c>Cluster:Placement</c>, <c>Cluster:Resources</c>).
    /// Register it AFTER the core's hosted service (UseClusterRuntime does): in the Stopping phase, which runs in
    /// reverse order, membership marks the silo ShuttingDown before the core drains its grains.</summary>
    public static IServiceCollection AddClusterMembership(this IServiceCollection services, IConfiguration configuration)
    {
        // Idempotent: the core's UseClusterRuntime adds membership too, and a second hosted registration would start it twice.
        if (services.Any(d => d.ServiceType == typeof(SiloMembershipService))) return services;
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PlacementOptions>().Bind(configuration.GetSection(PlacementOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ResourceCapacityOptions>().Bind(configuration.GetSection(ResourceCapacityOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlacementOptions>, PlacementOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LoadBook>();
        services.TryAddSingleton<LoadCollector>();
        services.TryAddSingleton<SiloMembershipService>();
        services.TryAddSingleton<ISiloMembership>(sp => sp.GetRequiredService<SiloMembershipService>());
        services.AddHostedService(sp => sp.GetRequiredService<SiloMembershipService>());
        services.TryAddSingleton<PendingPlacements>();
        services.TryAddSingleton<PlacementDirector>();
        services.TryAddSingleton<IPlacementDirector>(sp => sp.GetRequiredService<PlacementDirector>());
        return services;
    }

    /// <summary>Adds every cluster service of a silo: <see cref="AddClusterMembership"/> (membership, placement),
    /// the always-on registry and keeper (<c>Cluster:AlwaysOn</c>), the rebalancer (<c>Cluster:Rebalancing</c>),
    /// the reminder service (<c>Cluster:Reminders</c>) and <see cref="IClusterManagement"/>. Needs the core's
    /// IActivationCatalog, IGrainRouter, IClusterStorage and the grain type registry. Call it after UseClusterRuntime, so the
    /// keeper, rebalancer and reminders stop before membership and the core drain.</summary>
    public static IServiceCollection AddClusterServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClusterMembership(configuration);
        services.AddOptions<AlwaysOnOptions>().Bind(configuration.GetSection(AlwaysOnOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RebalancingOptions>().Bind(configuration.GetSection(RebalancingOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RebalancingOptions>, RebalancingOptionsValidator>());
        services.AddOptions<AlwaysOnOptions>().Validate(o => o.KeeperInterval > TimeSpan.Zero, $"{AlwaysOnOptions.SectionName}:KeeperInterval must be positive.")
            .Validate(o => o.MaxParallelActivations >= 1, $"{AlwaysOnOptions.SectionName}:MaxParallelActivations must be at least 1.")
            .Validate(o => o.ActivationTimeout > TimeSpan.Zero, $"{AlwaysOnOptions.SectionName}:ActivationTimeout must be positive.");
        services.AddOptions<ReminderOptions>().Validate(o => o.RefreshInterval > TimeSpan.Zero, $"{ReminderOptions.SectionName}:RefreshInterval must be positive.")
            .Validate(o => o.DeliveryTimeout > TimeSpan.Zero, $"{ReminderOptions.SectionName}:DeliveryTimeout must be positive.");
        services.TryAddSingleton<IGrainTypeLookup, GrainTypeLookup>();
        services.TryAddSingleton<IAlwaysOnRegistry, AlwaysOnRegistry>();
        services.TryAddSingleton<AlwaysOnKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AlwaysOnKeeper>());
        services.TryAddSingleton<Rebalancer>();
        services.AddHostedService(sp => sp.GetRequiredService<Rebalancer>());
        services.TryAddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddClusterManagement(configuration);
        return services;
    }

    /// <summary>Adds <see cref="IClusterManagement"/> alone (for cluster clients): it reads the cluster tables
    /// through the registered IClusterStorage, with <c>Cluster:Membership:DeathTimeout</c> to tell live silos.</summary>
    public static IServiceCollection AddClusterManagement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.SectionName));
        services.TryAddSingleton<IClusterManagement, ClusterManagement>();
        return services;
    }
}

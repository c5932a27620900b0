using Cluster.Runtime.Placement;
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
    /// Call it BEFORE registering the core's hosted services: hosted services stop in reverse order, so the
    /// membership row becomes Left only after the core has handed its grains over.</summary>
    public static IServiceCollection AddClusterMembership(this IServiceCollection services, IConfiguration configuration)
    {
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
}

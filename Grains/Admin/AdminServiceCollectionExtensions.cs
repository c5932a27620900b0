using Cluster.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.Grains.Admin;

/// <summary>Wires what the admin grains (sessions, audit log) need besides the runtime: their options (<c>Cluster:Admin</c>,
/// validated at start) and a clock. They also need <c>AddForwardingGrains</c> (the api_hash protector and the state JSON
/// context <c>GrainStateJsonContext</c>). Without this call the options keep their defaults.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdminGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

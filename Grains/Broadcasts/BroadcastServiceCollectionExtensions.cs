using Cluster.Grains.Abstractions.Configuration;
using Cluster.Grains.Abstractions.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.Grains.Broadcasts;

/// <summary>Wires bot broadcasts: their options (<c>Cluster:Broadcasts</c>, validated at start), their state JSON context and a
/// clock. Called by <c>AddGuardGrains</c>, since subscribers are fed by the bot grain; the silo also needs a bot client factory.</summary>
public static class BroadcastServiceCollectionExtensions
{
    public static IServiceCollection AddBroadcastGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BroadcastOptions>().Bind(configuration.GetSection(BroadcastOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddStateJsonContext(BroadcastStateJsonContext.Default);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

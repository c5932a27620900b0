using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Bots;
using Cluster.Grains.Broadcasts;
using Cluster.Grains.Abstractions.Serialization;
using Cluster.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.Grains.Guard;

/// <summary>Wires the membership guard: options of the bot and guard grains (<c>Cluster:Bots</c>, <c>Cluster:Guard</c>, validated at
/// start), their state JSON context and a clock. The silo also needs <c>services.AddBotClient(...)</c> (an <c>IBotClientFactory</c>) and
/// the grain classes registered (<c>AddGrains(typeof(BotGrain).Assembly)</c>, or per namespace Cluster.Grains.Bots and Cluster.Grains.Guard).</summary>
public static class GuardServiceCollectionExtensions
{
    public static IServiceCollection AddGuardGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotGrainOptions>().Bind(configuration.GetSection(BotGrainOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddOptions<GuardOptions>().Bind(configuration.GetSection(GuardOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddStateJsonContext(GuardStateJsonContext.Default);
        services.AddBroadcastGrains(configuration);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

using Cluster.Grains.Abstractions.Configuration;
using Cluster.Grains.Abstractions.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.Grains.Campaigns;

/// <summary>Wires campaigns: their options (<c>Cluster:Campaigns</c>, validated at start), their state JSON context and a clock.
/// They send through the account grains (<c>AddForwardingGrains</c>).</summary>
public static class CampaignServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddStateJsonContext(CampaignStateJsonContext.Default);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

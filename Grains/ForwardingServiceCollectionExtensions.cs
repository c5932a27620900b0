using Cluster.Grains.Accounts;
using Cluster.Grains.Forwarding;
using Cluster.Telegram.Accounts.Sessions;
using Cluster.Grains.Abstractions.Configuration;
using Cluster.Grains.Abstractions.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cluster.Grains;

/// <summary>Wires what the account, pair and registry grains need besides the runtime: their options (bound from
/// <c>Cluster:Accounts</c> and <c>Cluster:Forwarding</c>, validated at start), a clock, and session encryption
/// (<c>Telegram:Sessions:EncryptionKey</c>, required: it encrypts stored sessions and api_hashes). The grain classes
/// themselves are registered with the runtime by the silo; an <c>IAccountClientFactory</c> comes from the Telegram adapters.</summary>
public static class ForwardingServiceCollectionExtensions
{
    public static IServiceCollection AddForwardingGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddOptions<ForwardingOptions>().Bind(configuration.GetSection(ForwardingOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddStateJsonContext(GrainStateJsonContext.Default);
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(SessionArchive)))
            services.AddAccountSessions(configuration);
        services.TryAddSingleton<ApiHashProtector>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Wires the TDLib account adapter: options from <c>Telegram:Tdlib</c>, validated at start,
/// and <see cref="TdlibAccountClientFactory"/> as the <see cref="IAccountClientFactory"/>.</summary>
public static class TdlibServiceCollectionExtensions
{
    public static IServiceCollection AddTdlibAccountClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TdlibOptions>().Bind(configuration.GetSection(TdlibOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TdlibOptions>, TdlibOptionsValidator>();
        services.AddSingleton<TdlibAccountClientFactory>();
        services.AddSingleton<IAccountClientFactory>(sp => sp.GetRequiredService<TdlibAccountClientFactory>());
        return services;
    }
}

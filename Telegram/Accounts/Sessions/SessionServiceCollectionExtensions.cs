using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Telegram.Accounts.Sessions;

/// <summary>Wires session storage: options from <c>Telegram:Sessions</c> (the key is checked at start),
/// <see cref="SessionArchive"/>, <see cref="SessionVault"/>, and an in-memory <see cref="ISessionStore"/>
/// unless another store was registered first (the cluster database's, in production).</summary>
public static class SessionServiceCollectionExtensions
{
    public static IServiceCollection AddAccountSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddSingleton<SessionArchive>();
        services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<SessionVault>();
        return services;
    }
}

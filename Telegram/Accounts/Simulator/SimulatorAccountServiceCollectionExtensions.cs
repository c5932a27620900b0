using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Telegram.Accounts.Simulator;

/// <summary>Registers the simulator adapter of the account port.</summary>
public static class SimulatorAccountServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SimulatorAccountClientFactory"/> as the <see cref="IAccountClientFactory"/>.</summary>
    public static IServiceCollection AddSimulatorAccountClients(this IServiceCollection services, Action<SimulatorAccountClientOptions> configure)
    {
        var options = new SimulatorAccountClientOptions();
        configure(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<SimulatorAccountClientFactory>();
        services.AddSingleton<IAccountClientFactory>(sp => sp.GetRequiredService<SimulatorAccountClientFactory>());
        return services;
    }
}

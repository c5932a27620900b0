using Cluster.Silo.Configuration;
using Cluster.Telegram.Accounts.Sessions;
using Cluster.Telegram.Accounts.Simulator;
using Cluster.Telegram.Accounts.Tdlib;
using Cluster.Telegram.Bots;
using Cluster.Telegram.Bots.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Silo.Hosting;

/// <summary>Wires the Telegram adapters the grains use, by <see cref="TelegramMode"/>: the simulator adapter of the
/// account port and the simulator's Bot API when simulated; TDLib, encrypted sessions and api.telegram.org when real.</summary>
public static class TelegramPortsServiceCollectionExtensions
{
    /// <summary>Adds the account port's adapter and the Bot API client for <paramref name="telegram"/>'s mode
    /// (options from <c>Telegram:Simulator</c>, <c>Telegram:Tdlib</c>, <c>Telegram:Sessions</c>, <c>Telegram:Bot</c>).</summary>
    public static IServiceCollection AddTelegramPorts(this IServiceCollection services, IConfiguration configuration, TelegramSetup telegram)
    {
        services.AddSingleton(telegram);
        services.AddBotClient(configuration.GetSection("Telegram:Bot"));
        if (telegram.IsSimulated)
        {
            var baseUrl = telegram.SimulatorBaseUrl ?? throw new InvalidOperationException("The simulator's base URL is not known.");
            services.AddSimulatorAccountClients(options =>
            {
                configuration.GetSection("Telegram:Simulator").Bind(options);
                options.BaseUrl = baseUrl;
            });
            services.AddOptions<BotClientOptions>().PostConfigure(o => o.BaseUrl = baseUrl.AbsoluteUri.TrimEnd('/'));
        }
        else
        {
            services.AddTdlibAccountClients(configuration);
            services.AddAccountSessions(configuration);
        }
        return services;
    }
}

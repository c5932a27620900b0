using Cluster.TelegramSim.BotApi;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Faults;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.TelegramSim.Hosting;

/// <summary>Wires the simulator into an ASP.NET Core app: <c>services.AddTelegramSimulator(...)</c> adds
/// the world and its background services, <c>app.MapTelegramSimulator()</c> serves its endpoints.</summary>
public static class TelegramSimulatorServiceCollectionExtensions
{
    /// <summary>Adds the simulator (world, faults, call log, traffic generator, webhook delivery).</summary>
    public static IServiceCollection AddTelegramSimulator(this IServiceCollection services, Action<TelegramSimulatorOptions>? configure = null)
    {
        var options = new TelegramSimulatorOptions();
        configure?.Invoke(options);
        return services.AddTelegramSimulator(options);
    }

    /// <summary>Adds the simulator with ready-made options.</summary>
    public static IServiceCollection AddTelegramSimulator(this IServiceCollection services, TelegramSimulatorOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<BotTokenRouteConstraint>(BotTokenRouteConstraint.Name));
        services.AddSingleton(sp =>
        {
            var simulator = new TelegramSimulator(options);
            var logger = sp.GetRequiredService<ILogger<TelegramSimulator>>();
            if (options.WorldFile is { } path)
            {
                WorldFile.LoadInto(simulator.World, path);
                SimLog.WorldLoaded(logger, path);
            }
            if (options.SeedDemoWorld)
            {
                var demo = Demo.DemoWorld.Seed(simulator.World);
                SimLog.DemoSeeded(logger, demo.Accounts.Count, demo.Channels.Count, demo.Bot.Username);
            }
            return simulator;
        });
        services.AddSingleton(sp => sp.GetRequiredService<TelegramSimulator>().World);
        services.AddSingleton(sp => sp.GetRequiredService<TelegramSimulator>().Faults);
        services.AddSingleton(sp => sp.GetRequiredService<TelegramSimulator>().Calls);
        services.AddSingleton(sp => new BotApiHandler(sp.GetRequiredService<SimWorld>()));
        services.AddSingleton<SimTrafficGenerator>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SimTrafficGenerator>());
        return services;
    }

    /// <summary>Serves the Bot API (/bot&lt;token&gt;/&lt;method&gt;), the account protocol (/account/v1/...) and the
    /// control API (/sim/...), under <see cref="TelegramSimulatorOptions.PathPrefix"/>.</summary>
    public static IEndpointRouteBuilder MapTelegramSimulator(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<TelegramSimulatorOptions>();
        var group = endpoints.MapGroup(options.PathPrefix);
        group.MapBotApi();
        AccountApi.AccountApiEndpoints.MapAccountApi(group);
        ControlEndpoints.MapControlApi(group);
        return endpoints;
    }
}

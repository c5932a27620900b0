using Cluster.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Silo.Demo;

/// <summary>Wires the demo seeding (section <c>Demo</c>): on by default only with the embedded simulator, so several
/// silos sharing one simulator do not each set up the demo (one of them is told to with <c>Demo:Seed=true</c>).</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>Adds the demo seeder when <c>Demo:Seed</c> (default: embedded simulator) is on and Telegram is simulated.</summary>
    public static IServiceCollection AddDemoFleet(this IServiceCollection services, IConfiguration configuration, TelegramSetup telegram)
    {
        var section = configuration.GetSection(DemoOptions.SectionName);
        services.AddOptions<DemoOptions>().Bind(section)
            .Validate(o => o.RetryInterval > TimeSpan.Zero, $"{DemoOptions.SectionName}:RetryInterval must be positive.")
            .Validate(o => o.GuardEventsPerSecond is >= 0 and <= 100, $"{DemoOptions.SectionName}:GuardEventsPerSecond must be between 0 and 100.")
            .Validate(o => o.MaxAttempts >= 1, $"{DemoOptions.SectionName}:MaxAttempts must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AccountPrefix), $"{DemoOptions.SectionName}:AccountPrefix must not be empty.")
            .ValidateOnStart();
        var seed = section.GetValue<bool?>(nameof(DemoOptions.Seed)) ?? telegram.Mode == TelegramMode.EmbeddedSimulator;
        if (!seed || !telegram.IsSimulated) return services;
        services.AddHttpClient<SimulatorWorldClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<DemoFleetSeeder>();
        return services;
    }

    /// <summary>Whether this silo will seed the demo (for the start-up banner).</summary>
    public static bool WillSeedDemo(IConfiguration configuration, TelegramSetup telegram)
        => telegram.IsSimulated && (configuration.GetSection(DemoOptions.SectionName).GetValue<bool?>(nameof(DemoOptions.Seed)) ?? telegram.Mode == TelegramMode.EmbeddedSimulator);
}

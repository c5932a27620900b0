using Cluster.Silo.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Security;

/// <summary>Wiring of the dashboard's basic authentication: options bound from <c>Dashboard</c> and validated at start,
/// and the middleware in front of the dashboard and /metrics when the mode in force is Basic.</summary>
public static class SecurityExtensions
{
    /// <summary>Binds and validates <see cref="DashboardAuthenticationOptions"/> (needs <see cref="TelegramSetup"/> registered).</summary>
    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardAuthenticationOptions>().Bind(configuration.GetSection(DashboardAuthenticationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardAuthenticationOptions>, DashboardAuthenticationOptionsValidator>();
        return services;
    }

    /// <summary>Puts basic authentication in front of the dashboard and /metrics, unless the mode in force is None.
    /// Call before the endpoints are mapped.</summary>
    public static WebApplication UseDashboardAuthentication(this WebApplication app)
    {
        // Bound here without validation: invalid settings stop the host at start (ValidateOnStart) with every error
        // named, before Kestrel serves any request.
        var options = new DashboardAuthenticationOptions();
        try { app.Configuration.GetSection(DashboardAuthenticationOptions.SectionName).Bind(options); }
        catch (InvalidOperationException) { return app; } // e.g. Authentication=Foo: the start-up binding reports it.
        var telegram = app.Services.GetRequiredService<TelegramSetup>();
        if (options.Effective(telegram.IsSimulated) == DashboardAuthentication.Basic && options.HasCredentials)
            app.UseMiddleware<BasicAuthenticationMiddleware>(new BasicCredentials(options.Username!, options.Password!));
        return app;
    }
}

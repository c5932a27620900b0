using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Silo.Dashboard.Api;
using Cluster.Silo.Dashboard.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Cluster.Silo.Dashboard;

/// <summary>Wiring of the dashboards: our Telegram page (<see cref="AddClusterDashboard"/>, <see cref="MapClusterDashboard"/>)
/// at <c>/</c> with its JSON under <c>/dashboard/api</c>, and Orleans' dashboard (silos, grains, calls, reminders) under
/// <see cref="OrleansDashboardPath"/> unless <c>Dashboard:OrleansDashboard</c> is false. Both sit behind the same basic
/// authentication (<see cref="Security.BasicAuthenticationMiddleware"/>).</summary>
public static class DashboardEndpoints
{
    /// <summary>Where Orleans' dashboard is served.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>Adds our page's services, options (<c>Dashboard</c> section, validated at start) and the logger provider
    /// that keeps the recent warnings for the log tail.</summary>
    public static IServiceCollection AddClusterDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<RecentLogBuffer>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<RecentLogBuffer>());
        services.AddSingleton<DashboardData>();
        services.AddSingleton<DashboardAssets>();
        return services;
    }

    /// <summary>Adds Orleans' dashboard to the silo unless <c>Dashboard:OrleansDashboard</c> is false (its grain call
    /// profiler then does not run either).</summary>
    public static ISiloBuilder AddOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (!OrleansDashboardEnabled(configuration)) return silo;
        // Its live log stream (/orleans/Trace) would show every log line unmasked: off; our page has the masked tail.
        return silo.AddDashboard(options => options.HideTrace = true);
    }

    /// <summary>Maps the page (<c>/</c>, <c>/index.html</c>, <c>/dashboard/dashboard.js|css</c>), its JSON API
    /// (<c>/dashboard/api/cluster</c>, <c>telegram</c>, <c>logs</c>) and Orleans' dashboard.</summary>
    public static RouteGroupBuilder MapClusterDashboard(this WebApplication app)
    {
        app.MapGet("/", (DashboardAssets assets) => File(assets, "index.html"));
        app.MapGet("/index.html", (DashboardAssets assets) => File(assets, "index.html"));
        var dashboard = app.MapGroup("/dashboard");
        dashboard.MapGet("/dashboard.js", (DashboardAssets assets) => File(assets, "dashboard.js"));
        dashboard.MapGet("/dashboard.css", (DashboardAssets assets) => File(assets, "dashboard.css"));

        var api = dashboard.MapGroup("/api");
        api.MapGet("/cluster", (DashboardData data) => Json(data.GetCluster(), DashboardJsonContext.Default.ClusterView));
        api.MapGet("/telegram", async (DashboardData data, CancellationToken ct) => Json(await data.GetTelegramAsync(ct), DashboardJsonContext.Default.TelegramView));
        api.MapGet("/logs", (DashboardData data) => Json(data.GetLogs(), DashboardJsonContext.Default.LogsView));

        if (OrleansDashboardEnabled(app.Configuration)) app.MapOrleansDashboard(OrleansDashboardPath);
        return dashboard;
    }

    private static bool OrleansDashboardEnabled(IConfiguration configuration)
        => configuration.GetValue($"{DashboardOptions.SectionName}:{nameof(DashboardOptions.OrleansDashboard)}", true);

    private static IResult File(DashboardAssets assets, string name)
    {
        var (body, type) = assets.Get(name);
        return Results.Bytes(body, type);
    }

    private static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo)
        => Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");
}

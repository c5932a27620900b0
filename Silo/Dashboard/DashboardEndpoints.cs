using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Runtime.Diagnostics;
using Cluster.Silo.Dashboard.Api;
using Cluster.Silo.Dashboard.History;
using Cluster.Silo.Dashboard.Logs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Dashboard;

/// <summary>Wiring of the dashboard: <see cref="AddClusterDashboard"/> adds its services (log tail, chart history,
/// data gathering), <see cref="MapClusterDashboard"/> serves the page at <c>/</c> and its JSON under <c>/dashboard/api</c>.</summary>
public static class DashboardEndpoints
{
    /// <summary>Adds the dashboard's services, options (<c>Dashboard</c> section, validated at start) and the logger
    /// provider that keeps the recent warnings for the cluster-wide log tail.</summary>
    public static IServiceCollection AddClusterDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<RecentLogBuffer>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<RecentLogBuffer>());
        services.AddSingleton<IRecentLogSource>(sp => sp.GetRequiredService<RecentLogBuffer>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            return new CallHistory(Math.Max(2, (int)(options.HistoryLength / options.SampleInterval)));
        });
        services.AddHostedService<CallHistorySampler>();
        services.AddSingleton<DashboardData>();
        services.AddSingleton<DashboardAssets>();
        return services;
    }

    /// <summary>Maps the page (<c>/</c>, <c>/index.html</c>, <c>/dashboard/dashboard.js|css</c>) and the JSON API:
    /// <c>/dashboard/api/cluster</c>, <c>grains</c>, <c>history</c>, <c>telegram</c>, <c>logs</c>, <c>grain?type=&amp;key=</c>.</summary>
    public static RouteGroupBuilder MapClusterDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (DashboardAssets assets) => File(assets, "index.html"));
        endpoints.MapGet("/index.html", (DashboardAssets assets) => File(assets, "index.html"));
        var dashboard = endpoints.MapGroup("/dashboard");
        dashboard.MapGet("/dashboard.js", (DashboardAssets assets) => File(assets, "dashboard.js"));
        dashboard.MapGet("/dashboard.css", (DashboardAssets assets) => File(assets, "dashboard.css"));

        var api = dashboard.MapGroup("/api");
        api.MapGet("/cluster", async (DashboardData data, CancellationToken ct) => Json(await data.GetClusterAsync(ct), DashboardJsonContext.Default.ClusterView));
        api.MapGet("/grains", async (DashboardData data, CancellationToken ct) => Json(await data.GetGrainsAsync(ct), DashboardJsonContext.Default.GrainsView));
        api.MapGet("/history", (DashboardData data) => Json(data.GetHistory(), DashboardJsonContext.Default.HistoryView));
        api.MapGet("/telegram", async (DashboardData data, CancellationToken ct) => Json(await data.GetTelegramAsync(ct), DashboardJsonContext.Default.TelegramView));
        api.MapGet("/logs", async (DashboardData data, CancellationToken ct) => Json(await data.GetLogsAsync(ct), DashboardJsonContext.Default.LogsView));
        api.MapGet("/grain", async (string? type, string? key, DashboardData data, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(type) || string.IsNullOrEmpty(key) || type.Contains('/')
                ? Results.BadRequest("Query parameters 'type' (a grain type, e.g. account) and 'key' (the grain's key) are required.")
                : Json(await data.GetGrainAsync(type, key, ct), DashboardJsonContext.Default.GrainDetailView));
        return dashboard;
    }

    private static IResult File(DashboardAssets assets, string name)
    {
        var (body, type) = assets.Get(name);
        return Results.Bytes(body, type);
    }

    private static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo)
        => Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json");
}

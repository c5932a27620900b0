using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.Silo.Health;

/// <summary>The silo's probes: <c>/health/live</c> answers 200 while the process runs; <c>/health/ready</c> answers 200
/// only when the silo is Active in Orleans' membership and the database answers, 503 otherwise (Kubernetes' readiness probe).</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>Adds the readiness checks (membership, database).</summary>
    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<MembershipHealthCheck>("membership", tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static RouteGroupBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.MapGroup("/health");
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return health;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthReportResponse(report.Status.ToString(),
            report.Entries.Select(e => new HealthCheckResponse(e.Key, e.Value.Status.ToString(), e.Value.Description)).ToList());
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthReportResponse, context.RequestAborted);
    }
}

using Microsoft.AspNetCore.Http;

namespace Cluster.Silo.Security;

/// <summary>Answers 401 with <c>WWW-Authenticate: Basic realm="cluster"</c> to a request for the dashboards
/// (<c>/</c>, <c>/index.html</c>, <c>/dashboard/*</c>, Orleans' <c>/orleans/*</c>) or <c>/metrics</c> without the configured
/// credentials; every other path (health probes, webhooks) passes untouched.</summary>
public sealed class BasicAuthenticationMiddleware(RequestDelegate next, BasicCredentials credentials)
{
    public const string Challenge = "Basic realm=\"cluster\"";

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsProtected(context.Request.Path) || credentials.Matches(context.Request.Headers.Authorization.ToString()))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        return Task.CompletedTask;
    }

    /// <summary>The dashboards and the metrics, by path (case-insensitive, as ASP.NET Core routes).</summary>
    public static bool IsProtected(PathString path)
        => !path.HasValue || path.Value == "/" || path.Value.Equals("/index.html", StringComparison.OrdinalIgnoreCase)
           || path.StartsWithSegments("/dashboard", StringComparison.OrdinalIgnoreCase)
           || path.StartsWithSegments(Dashboard.DashboardEndpoints.OrleansDashboardPath, StringComparison.OrdinalIgnoreCase)
           || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Rebalancing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging;

/// <summary>The silo's HTTP endpoint under <c>/cluster/v1</c>, as one terminal middleware in front of the
/// application's pipeline (no MVC, no routing table): checks the cluster secret (401, nothing runs), reads the
/// call's headers and body, hands it to the router and writes the result or a <see cref="CallError"/>.</summary>
internal sealed partial class SiloEndpoint(
    GrainRouter router,
    GrainTypeRegistry registry,
    ActivationCatalog catalog,
    CallStatistics statistics,
    ISiloMembership membership,
    ClusterSecret secret,
    IServiceProvider services,
    ILogger<SiloEndpoint> logger)
{
    private const string Prefix = "/cluster/v1";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(Prefix, StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        if (!secret.Matches(context.Request.Headers[ClusterHeaders.Secret].ToString()))
        {
            Log.Unauthorized(logger, context.Connection.RemoteIpAddress?.ToString(), path.Value);
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, new CallError(CallErrorCodes.Unauthorized, "The cluster secret is missing or wrong.")).ConfigureAwait(false);
            return;
        }
        var method = context.Request.Method;
        switch (path.Value)
        {
            case ClusterHeaders.CallPath when HttpMethods.IsPost(method):
                await HandleCallAsync(context).ConfigureAwait(false);
                break;
            case ClusterHeaders.StatsPath when HttpMethods.IsGet(method):
                await WriteJsonAsync(context, statistics.Snapshot(membership.LocalSiloId), RuntimeJsonContext.Default.IReadOnlyListMethodCallStats).ConfigureAwait(false);
                break;
            case ClusterHeaders.ActivationsPath when HttpMethods.IsGet(method):
                IReadOnlyList<ActivationCount> counts = [.. catalog.CountsByType().Select(p => new ActivationCount(p.Key, membership.LocalSiloId, p.Value))];
                await WriteJsonAsync(context, counts, RuntimeJsonContext.Default.IReadOnlyListActivationCount).ConfigureAwait(false);
                break;
            case ClusterHeaders.LogsPath when HttpMethods.IsGet(method):
                _ = long.TryParse(context.Request.Query["after"].ToString(), out var after);
                var logs = services.GetService<IRecentLogSource>()?.Recent(after) ?? [];
                await WriteJsonAsync(context, logs, RuntimeJsonContext.Default.IReadOnlyListRecentLogEntry).ConfigureAwait(false);
                break;
            case ClusterHeaders.RebalancePath when HttpMethods.IsPost(method):
                var rebalancer = services.GetService<Rebalancer>();
                rebalancer?.RequestRound();
                context.Response.StatusCode = rebalancer is null ? StatusCodes.Status404NotFound : StatusCodes.Status202Accepted;
                break;
            case ClusterHeaders.PingPath:
                await WriteJsonAsync(context, membership.LocalSiloId, RuntimeJsonContext.Default.String).ConfigureAwait(false);
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task HandleCallAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var call = Resolve(headers[ClusterHeaders.GrainType].ToString(), headers[ClusterHeaders.GrainKey].ToString(),
            headers[ClusterHeaders.Interface].ToString(), headers[ClusterHeaders.Method].ToString(), out var problem);
        if (problem is not null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, new CallError(CallErrorCodes.BadCall, problem)).ConfigureAwait(false);
            return;
        }
        var kind = headers[ClusterHeaders.Route].ToString() switch
        {
            ClusterHeaders.RouteOwner => RouteKind.Owner,
            ClusterHeaders.RoutePlaced => RouteKind.Placed,
            _ => RouteKind.Gateway,
        };
        byte[] result;
        try
        {
            var grainCall = new GrainCall(call.Class, call.GrainId, call.Interface, call.Method, await ReadBodyAsync(context.Request).ConfigureAwait(false));
            result = await router.RouteAsync(grainCall, kind).ConfigureAwait(false);
        }
        catch (GrainRoutingException e)
        {
            var (status, code) = e.Refusal switch
            {
                RoutingRefusal.NotAccepting => (StatusCodes.Status503ServiceUnavailable, CallErrorCodes.NotAccepting),
                RoutingRefusal.Full => (StatusCodes.Status421MisdirectedRequest, CallErrorCodes.Full),
                RoutingRefusal.Unreachable => (StatusCodes.Status503ServiceUnavailable, CallErrorCodes.NotAccepting),
                _ => (StatusCodes.Status421MisdirectedRequest, CallErrorCodes.NotHere),
            };
            await WriteErrorAsync(context, status, new CallError(code, e.Message, null, e.OwnerSiloId, e.OwnerAddress)).ConfigureAwait(false);
            return;
        }
        catch (SiloUnavailableException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, new CallError(CallErrorCodes.NotAccepting, e.Message)).ConfigureAwait(false);
            return;
        }
        catch (GrainCallTimeoutException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status504GatewayTimeout, new CallError(CallErrorCodes.Timeout, e.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, RemoteExceptions.ToError(e)).ConfigureAwait(false);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = result.Length;
        if (result.Length > 0) await response.Body.WriteAsync(result).ConfigureAwait(false);
    }

    private (GrainClassInfo Class, GrainId GrainId, GrainInterfaceInfo? Interface, GrainMethodInfo? Method) Resolve(
        string grainType, string encodedKey, string interfaceName, string methodName, out string? problem)
    {
        problem = null;
        GrainClassInfo? grainClass = null;
        GrainInterfaceInfo? grainInterface = null;
        if (interfaceName.Length > 0)
        {
            if (registry.TryFindByInterface(interfaceName, out var byInterface, out var found) && (grainType.Length == 0 || byInterface.Name == grainType))
                (grainClass, grainInterface) = (byInterface, found);
            else if (grainType.Length > 0 && interfaceName == registry.Remindable.Name && registry.FindByName(grainType) is { IsRemindable: true } remindable)
                (grainClass, grainInterface) = (remindable, registry.Remindable);
            else
                problem = grainType.Length > 0 && registry.FindByName(grainType) is null
                    ? GrainRouter.UnknownType(grainType).Message
                    : $"No grain class hosted by this cluster implements {interfaceName}{(grainType.Length > 0 ? $" as grain type '{grainType}'" : "")}.";
        }
        else if (grainType.Length > 0)
        {
            grainClass = registry.FindByName(grainType);
            if (grainClass is null) problem = GrainRouter.UnknownType(grainType).Message;
        }
        else problem = $"A call needs the {ClusterHeaders.Interface} or {ClusterHeaders.GrainType} header.";

        GrainMethodInfo? method = null;
        if (problem is null && grainInterface is not null && !grainInterface.ByName.TryGetValue(methodName, out method))
            problem = $"Grain interface {grainInterface.Name} has no method '{methodName}'.";
        if (problem is null && encodedKey.Length == 0)
            problem = $"A call needs the {ClusterHeaders.GrainKey} header.";
        if (problem is not null) return default;
        return (grainClass!, new GrainId(grainClass!.Name, SiloMessenger.DecodeKey(encodedKey)), grainInterface, method);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            if (length == 0) return [];
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body).ConfigureAwait(false);
            return body;
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext context, int status, CallError error)
    {
        context.Response.StatusCode = status;
        return WriteJsonAsync(context, error, RuntimeJsonContext.Default.CallError, status);
    }

    private static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(1201, LogLevel.Warning, "Refused a request from {RemoteAddress} to {Path}: cluster secret missing or wrong")]
        public static partial void Unauthorized(ILogger logger, string? remoteAddress, string? path);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cluster.TelegramSim.BotApi;

/// <summary>Matches a path segment "bot&lt;id&gt;:&lt;secret&gt;". A complex route segment ("bot{token}") cannot be
/// used: ASP.NET matches its literal from the right, so a token containing "bot" would not route.</summary>
internal sealed class BotTokenRouteConstraint : IRouteConstraint
{
    public const string Name = "botToken";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string s && s.Length > 4
        && s.StartsWith("bot", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(s[3]) && s.Contains(':');
}

using Microsoft.AspNetCore.Routing;

namespace Cluster.TelegramSim.AccountApi;

/// <summary>The account protocol over HTTP (/account/v1/...).</summary>
internal static class AccountApiEndpoints
{
    public static void MapAccountApi(IEndpointRouteBuilder routes)
    {
        _ = routes;
    }
}

using Cluster.Runtime.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Hosting;

/// <summary>Puts the silo endpoint first in the request pipeline, so cluster traffic skips the application's
/// middleware and the application does not have to map anything.</summary>
internal sealed class SiloEndpointStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var endpoint = app.ApplicationServices.GetRequiredService<SiloEndpoint>();
        app.Use(endpoint.InvokeAsync);
        next(app);
    };
}

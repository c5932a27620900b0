using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Hosting;

/// <summary>What <c>UseClusterRuntime</c> lets the host configure: grain assemblies, JSON contexts, options.</summary>
public sealed class ClusterRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>Hosts the grain classes of <paramref name="assembly"/> (only those in <paramref name="namespace"/> when given).</summary>
    public ClusterRuntimeBuilder AddGrains(Assembly assembly, string? @namespace = null)
    {
        Services.AddGrains(assembly, @namespace);
        return this;
    }

    /// <summary>Adds a source-generated context for grain arguments, results and states.</summary>
    public ClusterRuntimeBuilder AddGrainJsonContext(JsonSerializerContext context)
    {
        Services.AddGrainJsonContext(context);
        return this;
    }

    /// <summary>Changes options after configuration binding (tests, programmatic settings).</summary>
    public ClusterRuntimeBuilder Configure(Action<ClusterRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}

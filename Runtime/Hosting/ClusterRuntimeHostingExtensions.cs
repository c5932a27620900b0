using System.Net;
using System.Reflection;
using System.Text.Json.Serialization;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Client;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Invocation;
using Cluster.Runtime.Management;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Wiring of the runtime: <see cref="UseClusterRuntime"/> makes a web application a silo,
/// <see cref="AddClusterClient"/> gives any host an <see cref="IGrainFactory"/> that talks to a cluster.</summary>
public static class ClusterRuntimeHostingExtensions
{
    /// <summary>Makes this application a silo: binds <see cref="ClusterRuntimeOptions"/> from the <c>Cluster</c> section,
    /// listens on <c>Cluster:SiloPort</c> with HTTP/2 cleartext, serves <c>/cluster/v1/*</c> ahead of the app's pipeline
    /// and adds the catalog, router, grain factory, the silo's hosted service, membership and placement
    /// (<c>AddClusterMembership</c>) and, unless one is registered already, storage from <c>Cluster:Storage</c>.
    /// <c>Cluster:Membership:Address</c> defaults to http://&lt;host name&gt;:&lt;SiloPort&gt;.
    /// Note: listening explicitly makes Kestrel ignore ASPNETCORE_URLS; declare the app's own HTTP ports with
    /// <c>Kestrel:Endpoints</c> or <c>ConfigureKestrel</c>.</summary>
    public static WebApplicationBuilder UseClusterRuntime(this WebApplicationBuilder builder, Action<ClusterRuntimeBuilder>? configure = null)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        if (!services.Any(d => d.ServiceType == typeof(IClusterStorage)))
            services.AddClusterStorage(configuration.GetSection(ClusterStorageOptions.SectionName));
        // The core's hosted service is registered before membership's: in the Stopping phase (reverse order)
        // membership first marks the silo ShuttingDown, then the core drains; Kestrel stops after both.
        services.AddClusterRuntimeCore(configuration);
        services.AddClusterMembership(configuration);
        services.AddOptions<MembershipOptions>().PostConfigure<IOptions<ClusterRuntimeOptions>>((membership, options) =>
        {
            if (string.IsNullOrWhiteSpace(membership.Address) && options.Value.SiloPort > 0)
                membership.Address = $"http://{Dns.GetHostName()}:{options.Value.SiloPort}";
        });
        configure?.Invoke(new ClusterRuntimeBuilder(services));
        // Read without validation: invalid settings are reported by ValidateOnStart, with every error, at start.
        services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
        {
            var settings = new ClusterRuntimeOptions();
            configuration.GetSection(ClusterRuntimeOptions.SectionName).Bind(settings);
            if (settings.SiloPort is > 0 and <= 65535 && IPAddress.TryParse(settings.ListenAddress, out var address))
                kestrel.Listen(address, settings.SiloPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }

    /// <summary>The silo core's services alone: no Kestrel listener, storage, membership or placement.</summary>
    public static IServiceCollection AddClusterRuntimeCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterRuntimeOptions>().Bind(configuration.GetSection(ClusterRuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterRuntimeOptions>, ClusterRuntimeOptionsValidator>());
        services.AddMetrics();
        services.AddGrainSerialization();
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton<CallStatistics>();
        services.TryAddSingleton<ICallStatisticsSource>(sp => sp.GetRequiredService<CallStatistics>());
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<ActivationCatalog>();
        services.TryAddSingleton<IActivationCatalog>(sp => sp.GetRequiredService<ActivationCatalog>());
        services.TryAddSingleton(sp => new ClusterSecret(sp.GetRequiredService<IOptions<ClusterRuntimeOptions>>().Value.Secret!));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClusterRuntimeOptions>>().Value;
            return new SiloMessenger(sp.GetRequiredService<ClusterSecret>(), options.CallTimeout, TimeSpan.FromSeconds(5));
        });
        services.TryAddSingleton<GrainRouter>();
        services.TryAddSingleton<IGrainRouter>(sp => sp.GetRequiredService<GrainRouter>());
        services.TryAddSingleton<IGrainFactory>(sp => new GrainFactory(sp.GetRequiredService<GrainInterfaceCache>(), sp.GetRequiredService<GrainRouter>()));
        services.TryAddSingleton<SiloEndpoint>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, SiloEndpointStartupFilter>());
        services.AddHostedService<SiloRuntimeService>();
        return services;
    }

    /// <summary>Hosts the grain classes of <paramref name="assembly"/>, or only those in <paramref name="namespace"/>
    /// (and below) when given.</summary>
    public static IServiceCollection AddGrains(this IServiceCollection services, Assembly assembly, string? @namespace = null)
    {
        services.AddSingleton(new GrainAssemblyRegistration(assembly, @namespace));
        return services;
    }

    /// <summary>Adds a source-generated JsonSerializerContext for grain arguments, results and states; all registered
    /// contexts are combined (first registered wins), followed by the runtime's own for simple types.</summary>
    public static IServiceCollection AddGrainJsonContext(this IServiceCollection services, JsonSerializerContext context)
    {
        services.AddSingleton(new GrainJsonContextRegistration(context));
        return services;
    }

    /// <summary>Adds a <see cref="ClusterClient"/> (also as <see cref="IGrainFactory"/>) bound to the <c>Cluster</c> section:
    /// <c>Cluster:Secret</c>, and <c>Cluster:Gateways</c> or a registered IClusterStorage to find gateways.</summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IConfiguration configuration, Action<ClusterClientOptions>? configure = null)
    {
        var options = services.AddOptions<ClusterClientOptions>().Bind(configuration.GetSection(ClusterRuntimeOptions.SectionName));
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterClientOptions>, ClusterClientOptionsValidator>());
        services.AddGrainSerialization();
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }

    private static void AddGrainSerialization(this IServiceCollection services)
    {
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<GrainInterfaceCache>();
    }
}

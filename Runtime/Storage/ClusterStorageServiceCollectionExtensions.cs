using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Storage;

/// <summary>Wires the cluster database into a host: options bound and validated at start, and one
/// <see cref="IClusterStorage"/> singleton (disposed with the container).</summary>
public static class ClusterStorageServiceCollectionExtensions
{
    /// <summary>Adds the cluster storage configured by <paramref name="section"/> (usually <c>Cluster:Storage</c>).</summary>
    public static IServiceCollection AddClusterStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ClusterStorageOptions>().Bind(section);
        return services.AddClusterStorageCore();
    }

    /// <summary>Adds the cluster storage configured in code.</summary>
    public static IServiceCollection AddClusterStorage(this IServiceCollection services, Action<ClusterStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ClusterStorageOptions>().Configure(configure);
        return services.AddClusterStorageCore();
    }

    private static IServiceCollection AddClusterStorageCore(this IServiceCollection services)
    {
        services.AddOptions<ClusterStorageOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterStorageOptions>, ClusterStorageOptionsValidator>());
        services.TryAddSingleton(provider => ClusterStorageFactory.Create(
            provider.GetRequiredService<IOptions<ClusterStorageOptions>>().Value,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}

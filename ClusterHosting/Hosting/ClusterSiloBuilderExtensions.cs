using System.Net;
using System.Net.Sockets;
using Cluster.Grains.Abstractions.Configuration;
using Cluster.Grains.Abstractions.Keeping;
using Cluster.Grains.Abstractions.Placement;
using Cluster.Grains.Abstractions.Serialization;
using Cluster.Grains.Abstractions.Sessions;
using Cluster.Hosting.Keeping;
using Cluster.Hosting.Leases;
using Cluster.Hosting.Placement;
using Cluster.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cluster.Hosting.Hosting;

/// <summary>The one place a silo of this product is configured: cluster identity and endpoints, the cluster database
/// (SQLite for the one-silo embedded default, PostgreSQL for several silos), tuned failure detection, the distributed
/// grain directory, and our extensions (schema, always-on keeper, session leases, session-capacity placement).</summary>
public static class ClusterSiloBuilderExtensions
{
    /// <summary>The grain storage provider every grain state uses.</summary>
    public const string StorageName = "Default";

    public static ISiloBuilder UseClusterSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new();
        var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new();
        var problems = endpoints.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(ClusterEndpointOptions.SectionName, typeof(ClusterEndpointOptions), problems);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        var advertised = AdvertisedAddress(endpoints, storage.Provider);
        silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: storage.Provider != ClusterStorageProvider.Sqlite);

        silo.AddClusterStorage(storage);
        silo.ConfigureMembership(configuration);
#pragma warning disable ORLEANSEXP003 // experimental: strongly consistent single activation
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        var services = silo.Services;
        services.AddSingleton<ISessionLeases, SessionLeases>();
        services.AddOptions<SessionLeaseOptions>().Bind(configuration.GetSection(SessionLeaseOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddOptions<AlwaysOnKeeperOptions>().Bind(configuration.GetSection(AlwaysOnKeeperOptions.SectionName))
            .ValidateWith(o => o.Validate());
        silo.AddGrainService<AlwaysOnKeeper>();
        services.AddSingleton<IAlwaysOnRegistry, AlwaysOnRegistryClient>();
        services.AddPlacementDirector<SessionCapacityPlacement, SessionCapacityPlacementDirector>();
        return silo;
    }

    private static void ConfigureMembership(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ClusterMembershipDefaults.ProbeTimeout;
            o.NumMissedProbesLimit = ClusterMembershipDefaults.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = ClusterMembershipDefaults.NumVotesForDeathDeclaration;
            o.TableRefreshTimeout = ClusterMembershipDefaults.TableRefreshTimeout;
            o.IAmAliveTablePublishTimeout = ClusterMembershipDefaults.IAmAliveTablePublishTimeout;
            o.DeathVoteExpirationTimeout = ClusterMembershipDefaults.DeathVoteExpirationTimeout;
            configuration.GetSection("Cluster:Membership").Bind(o);
        });
        silo.Configure<GrainDirectoryOptions>(o =>
        {
            o.RangeLeaseDuration = ClusterMembershipDefaults.RangeLeaseDuration;
            configuration.GetSection("Cluster:Directory").Bind(o);
        });
    }

    private static void AddClusterStorage(this ISiloBuilder silo, ClusterStorageOptions storage)
    {
        // TODO(sqlite/postgres providers): replaced below by the database providers once they land.
        silo.UseLocalhostClustering();
        silo.AddMemoryGrainStorage(StorageName);
        silo.UseInMemoryReminderService();
        silo.Services.AddSingleton<IAlwaysOnStore, InMemoryAlwaysOnStore>();
        silo.Services.AddSingleton<ISessionLeaseStore, InMemorySessionLeaseStore>();
    }

    private static IPAddress AdvertisedAddress(ClusterEndpointOptions endpoints, ClusterStorageProvider provider)
    {
        if (endpoints.AdvertisedAddress is { Length: > 0 } configured) return IPAddress.Parse(configured);
        if (Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } pod && IPAddress.TryParse(pod, out var podIp)) return podIp;
        if (provider == ClusterStorageProvider.Sqlite) return IPAddress.Loopback;
        return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
    }
}

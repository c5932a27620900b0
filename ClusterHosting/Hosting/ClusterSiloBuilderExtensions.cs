using System.Net;
using System.Net.Sockets;
using Cluster.Grains.Abstractions.Configuration;
using Cluster.Grains.Abstractions.Keeping;
using Cluster.Grains.Abstractions.Sessions;
using Cluster.Hosting.Keeping;
using Cluster.Hosting.Leases;
using Cluster.Hosting.Placement;
using Cluster.Hosting.Rebalancing;
using Cluster.Hosting.Security;
using Cluster.Grains.Abstractions.Placement;
using Cluster.Hosting.Serialization;
using Cluster.Hosting.Storage;
using Cluster.Hosting.Storage.Sqlite;
using Cluster.Hosting.Storage.Postgres;
using Cluster.Hosting.Keeping.Postgres;
using Cluster.Hosting.Leases.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using Cluster.Hosting.Keeping.Sqlite;
using Cluster.Hosting.Leases.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cluster.Hosting.Hosting;

/// <summary>The one place a silo of this product is configured: cluster identity and endpoints, the cluster database
/// (SQLite for the one-silo embedded default, PostgreSQL for several silos), mutual TLS with the cluster certificate
/// (<c>Cluster:Tls</c>, see <see cref="ClusterTlsOptions"/>), tuned failure detection, the distributed grain directory, and
/// Orleans' Kubernetes hosting when <c>Cluster:Kubernetes:Enabled</c> (see <see cref="ClusterKubernetesOptions"/>), and
/// our extensions (schema, always-on keeper, session leases, session slots with their queue, session-capacity placement,
/// rebalancing).</summary>
public static class ClusterSiloBuilderExtensions
{
    /// <summary>The grain storage provider every grain state uses.</summary>
    public const string StorageName = "Default";

    /// <summary>The ADO.NET invariant of Npgsql, as Orleans' ADO.NET providers name it.</summary>
    public const string PostgresInvariant = "Npgsql";

    public static ISiloBuilder UseClusterSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new();
        var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new();
        var problems = endpoints.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(ClusterEndpointOptions.SectionName, typeof(ClusterEndpointOptions), problems);
        var storageProblems = storage.Problems().ToList();
        if (storageProblems.Count > 0) throw new OptionsValidationException(ClusterStorageOptions.SectionName, typeof(ClusterStorageOptions), storageProblems);
        var kubernetes = configuration.GetSection(ClusterKubernetesOptions.SectionName).Get<ClusterKubernetesOptions>() ?? new();
        var kubernetesProblems = kubernetes.Problems(endpoints, storage.Provider, Environment.GetEnvironmentVariable).ToList();
        if (kubernetesProblems.Count > 0)
            throw new OptionsValidationException(ClusterKubernetesOptions.SectionName, typeof(ClusterKubernetesOptions), kubernetesProblems);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        var advertised = AdvertisedAddress(endpoints, storage.Provider);
        silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: storage.Provider != ClusterStorageProvider.Sqlite);
        // Silo-to-silo and gateway connections: mutual TLS with the cluster certificate (required with PostgreSQL).
        var security = ClusterTls.Resolve(configuration, storage.Provider, storage.Provider == ClusterStorageProvider.Sqlite ? advertised : IPAddress.Any);
        silo.Services.AddSingleton(security);
        if (security.Certificate is { } certificate) silo.UseTls(certificate, tls => ClusterTls.Configure(tls, certificate));

        silo.AddClusterStorage(storage, endpoints);
        if (kubernetes.Enabled)
        {
            // Orleans' Kubernetes hosting: the silo is named after its pod (POD_NAME); it keeps the endpoints configured above
            // (it fills in only an advertised address and listening endpoints left unset, from POD_IP), takes the cluster and
            // service ids from ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID (checked above to agree with ours), labels its pod with
            // them, and two silos watch the labelled pods to declare a silo dead as soon as its pod is deleted. Membership
            // stays in PostgreSQL; TLS covers Orleans' ports, while the Kubernetes API is reached with the pod's service account.
            silo.UseKubernetesHosting();
        }
        silo.ConfigureMembership(configuration);
#pragma warning disable ORLEANSEXP003 // experimental: strongly consistent single activation
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

        var services = silo.Services;
        services.AddSingleton<SessionLeases>();
        services.AddSingleton<ISessionLeases>(sp => sp.GetRequiredService<SessionLeases>());
        services.AddOptions<SessionCapacityOptions>().Bind(configuration.GetSection(SessionCapacityOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddSingleton<SessionSlots>();
        services.AddSingleton<ISessionSlots>(sp => sp.GetRequiredService<SessionSlots>());
        silo.AddGrainService<SessionLoadService>();
        services.AddSingleton<SessionLoadClient>();
        services.AddPlacementDirector<SessionCapacityPlacement, SessionCapacityPlacementDirector>();
        services.AddOptions<RebalancingOptions>().Bind(configuration.GetSection(RebalancingOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddSingleton<SessionRebalancer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SessionRebalancer>());
        services.AddOptions<SessionLeaseOptions>().Bind(configuration.GetSection(SessionLeaseOptions.SectionName))
            .ValidateWith(o => o.Validate());
        services.AddOptions<AlwaysOnKeeperOptions>().Bind(configuration.GetSection(AlwaysOnKeeperOptions.SectionName))
            .ValidateWith(o => o.Validate());
        silo.AddGrainService<AlwaysOnKeeper>();
        services.AddSingleton<IAlwaysOnRegistry, AlwaysOnRegistryClient>();
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
            var membership = configuration.GetSection("Cluster:Membership");
            membership.Bind(o);
            if (membership["MaxProbeTimeout"] is null) o.MaxProbeTimeout = o.ProbeTimeout * ClusterMembershipDefaults.MaxProbeTimeoutFactor;
        });
        silo.Configure<GrainDirectoryOptions>(o =>
        {
            o.RangeLeaseDuration = ClusterMembershipDefaults.RangeLeaseDuration;
            configuration.GetSection("Cluster:Directory").Bind(o);
        });
    }

    private static void AddClusterStorage(this ISiloBuilder silo, ClusterStorageOptions storage, ClusterEndpointOptions endpoints)
    {
        var services = silo.Services;
        var connectionString = storage.EffectiveConnectionString;
        services.Configure<ClusterStorageOptions>(o =>
        {
            o.Provider = storage.Provider;
            o.ConnectionString = connectionString;
            o.Schema = storage.Schema;
            o.SchemaWaitTimeout = storage.SchemaWaitTimeout;
        });
        // The schema: installed as the first step of the start, or (Verify, PostgreSQL only) installed by the schema step
        // and only waited for here.
        if (storage.Schema == ClusterSchemaMode.Verify) services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSchemaVerifier>();
        else services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterSchemaInstaller>();
        if (storage.Provider == ClusterStorageProvider.Sqlite)
        {
            // The embedded default: one silo on loopback, everything in one SQLite file.
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: endpoints.ServiceId, clusterId: endpoints.ClusterId);
            services.AddSingleton<IClusterSchema>(new SqliteClusterSchema(connectionString));
            silo.AddSqliteGrainStorage(StorageName, o => o.ConnectionString = connectionString);
            silo.UseSqliteReminderService(o => o.ConnectionString = connectionString);
            services.AddSingleton<IAlwaysOnStore, SqliteAlwaysOnStore>();
            services.AddSingleton<ISessionLeaseStore, SqliteSessionLeaseStore>();
        }
        else
        {
            // Several silos: Orleans' ADO.NET membership, grain storage and reminders on PostgreSQL, with our tables beside them.
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddSingleton<IClusterSchema>(sp => new PostgresClusterSchema(sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<ILogger<PostgresClusterSchema>>()));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            services.AddSingleton<IAlwaysOnStore>(sp => new PostgresAlwaysOnStore(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<ISessionLeaseStore>(sp => new PostgresSessionLeaseStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        // Grain state as readable JSON, from the state contexts the grains registered; the same JSON carries it when
        // Orleans migrates an activation.
        services.AddSingleton(JsonGrainStateSerializer.ForRegisteredContexts);
        services.AddStateJsonCodec();
        services.AddOptions<AdoNetGrainStorageOptions>(StorageName).Configure<JsonGrainStateSerializer>((o, state) => o.GrainStorageSerializer = state);
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

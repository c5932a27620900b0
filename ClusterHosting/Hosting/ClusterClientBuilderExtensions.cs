using System.Net;
using Cluster.Hosting.Security;
using Cluster.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cluster.Hosting.Hosting;

/// <summary>The one place a client of this cluster (the admin bot, tests, benchmarks) is configured: the cluster's identity,
/// how to find its gateways (<c>Cluster:Gateways</c> when given, else the membership table of the cluster database;
/// with SQLite, the one local silo's gateway port), mutual TLS with the cluster certificate as the silos have it
/// (<c>Cluster:Tls</c>, see <see cref="ClusterTlsOptions"/>), and calls rejected before they ran sent again
/// (<see cref="RejectedCallRetryFilter"/>).</summary>
public static class ClusterClientBuilderExtensions
{
    public static IClientBuilder UseClusterClient(this IClientBuilder client, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new();
        var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new();
        var problems = endpoints.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(ClusterEndpointOptions.SectionName, typeof(ClusterEndpointOptions), problems);

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        client.AddOutgoingGrainCallFilter<RejectedCallRetryFilter>();
        if (endpoints.Gateways.Count > 0)
            client.UseStaticClustering(endpoints.Gateways.Select(g => IPEndPoint.Parse(g)).ToArray());
        else if (storage.Provider == ClusterStorageProvider.Sqlite)
            client.UseLocalhostClustering(endpoints.GatewayPort, endpoints.ServiceId, endpoints.ClusterId);
        else
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterSiloBuilderExtensions.PostgresInvariant;
                o.ConnectionString = storage.EffectiveConnectionString;
            });
        // The same rule as the silos': a PostgreSQL cluster without a certificate needs Cluster:Tls:Mode=Disabled.
        var security = ClusterTls.Resolve(configuration, storage.Provider);
        client.Services.AddSingleton(security);
        if (security.Certificate is { } certificate) client.UseTls(certificate, tls => ClusterTls.Configure(tls, certificate));
        return client;
    }
}

using Cluster.Hosting.Hosting;
using Cluster.Hosting.Storage;
using Microsoft.Extensions.Configuration;

namespace Cluster.AdminBot.Hosting;

/// <summary>Which cluster the admin bot connects to and through which gateways, in words for the operator ("cluster
/// 'telegram-cluster' through gateway 127.0.0.1:30000"), and the settings the client needs that Orleans would only
/// reject once connecting.</summary>
public sealed record ClusterTarget(string ClusterId, string Gateways)
{
    public override string ToString() => $"cluster '{ClusterId}' through {Gateways}";

    /// <summary>Reads the same keys as <see cref="ClusterClientBuilderExtensions.UseClusterClient"/>: <c>Cluster:Gateways</c>
    /// when given, else with SQLite the one local silo (<c>Cluster:GatewayPort</c>), else the PostgreSQL membership table.</summary>
    public static ClusterTarget From(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new();
        var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new();
        var gateways = endpoints.Gateways.Count > 0 ? $"gateway{(endpoints.Gateways.Count == 1 ? "" : "s")} {string.Join(", ", endpoints.Gateways)} (Cluster:Gateways)"
            : storage.Provider == ClusterStorageProvider.Sqlite ? $"the local silo's gateway 127.0.0.1:{endpoints.GatewayPort} (Cluster:GatewayPort)"
            : "the gateways listed in the PostgreSQL membership table (Cluster:Storage:ConnectionString)";
        return new ClusterTarget(endpoints.ClusterId, gateways);
    }

    /// <summary>Problems Orleans would report late or with a stack trace: a PostgreSQL cluster without a connection string.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new();
        var storage = configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new();
        if (storage.Provider == ClusterStorageProvider.Postgres && endpoints.Gateways.Count == 0 && string.IsNullOrWhiteSpace(storage.ConnectionString))
            yield return $"{ClusterStorageOptions.SectionName}:ConnectionString is required when {ClusterStorageOptions.SectionName}:Provider is Postgres (the client reads the silos' gateways from its membership table), or list the gateways in Cluster:Gateways.";
        else if (storage.Provider == ClusterStorageProvider.Postgres && endpoints.Gateways.Count == 0 && PostgresProblem(storage.ConnectionString!) is { } problem)
            yield return $"{ClusterStorageOptions.SectionName}:ConnectionString is not a PostgreSQL connection string ({problem}).";
    }

    private static string? PostgresProblem(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}

using System.Net;
using Cluster.Hosting.Hosting;
using Cluster.Hosting.Security;
using Cluster.Hosting.Tests.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Cluster.Hosting.Tests.Kubernetes;

/// <summary>The process environment is shared: the tests that set the downward-API variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary><c>Cluster:Kubernetes:Enabled</c> in <see cref="ClusterSiloBuilderExtensions.UseClusterSilo"/>: with the
/// variables a pod gets from the downward API, the silo's Orleans options come out as our settings and the pod say (name
/// from POD_NAME, advertised address from POD_IP, our ids, our ports, TLS, ADO.NET clustering on PostgreSQL), with no
/// Kubernetes API anywhere: the silos are built, not started, except to show that without an API server the pod watcher
/// fails the start at once, naming what is missing.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KubernetesHostingTests : IDisposable
{
    private const string PodName = "silo-7d9f8c6b5-x2k4q";
    private const string PodIp = "10.244.3.17";
    private readonly TestCertificates certificates = new();
    private readonly Dictionary<string, string?> savedEnvironment = [];

    public KubernetesHostingTests()
    {
        // A pod as k8s/base/silo-deployment.yaml makes it; no KUBERNETES_SERVICE_HOST (no API server in a test).
        SetEnvironment("POD_NAME", PodName);
        SetEnvironment("POD_NAMESPACE", "telegram-cluster");
        SetEnvironment("POD_IP", PodIp);
        SetEnvironment("ORLEANS_CLUSTER_ID", "k8s-cluster");
        SetEnvironment("ORLEANS_SERVICE_ID", "k8s-service");
        SetEnvironment("KUBERNETES_SERVICE_HOST", null);
        SetEnvironment("KUBERNETES_SERVICE_PORT", null);
    }

    public void Dispose()
    {
        foreach (var (name, value) in savedEnvironment) Environment.SetEnvironmentVariable(name, value);
        certificates.Dispose();
    }

    private void SetEnvironment(string name, string? value)
    {
        if (!savedEnvironment.ContainsKey(name)) savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>The silo settings of the k8s ConfigMap and Deployment (no Cluster:AdvertisedAddress: POD_IP alone).</summary>
    private Dictionary<string, string?> KubernetesSettings()
    {
        var certificate = TestCertificates.Create();
        return new()
        {
            ["Cluster:ClusterId"] = "k8s-cluster",
            ["Cluster:ServiceId"] = "k8s-service",
            ["Cluster:SiloPort"] = "11111",
            ["Cluster:GatewayPort"] = "30000",
            ["Cluster:Storage:Provider"] = "Postgres",
            ["Cluster:Storage:ConnectionString"] = "Host=postgres.invalid;Database=cluster;Username=cluster;Password=not-used",
            ["Cluster:Storage:Schema"] = "Verify",
            ["Cluster:Tls:Mode"] = "Required",
            ["Cluster:Tls:CertificatePath"] = certificates.PemCertificate(certificate),
            ["Cluster:Tls:KeyPath"] = certificates.PemKey(certificate),
            ["Cluster:Kubernetes:Enabled"] = "true",
        };
    }

    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration));
        return builder.Build();
    }

    [Fact]
    public void With_kubernetes_on_the_silo_is_named_after_its_pod_and_advertises_the_pod_ip_with_our_ids_ports_tls_and_postgres()
    {
        using var silo = BuildSilo(KubernetesSettings());
        var services = silo.Services;

        Assert.Equal(PodName, services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);

        var endpoints = services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse(PodIp), endpoints.AdvertisedIPAddress);
        Assert.Equal(11111, endpoints.SiloPort);
        Assert.Equal(30000, endpoints.GatewayPort);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);

        var cluster = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal("k8s-cluster", cluster.ClusterId);
        Assert.Equal("k8s-service", cluster.ServiceId);

        // Mutual TLS with the cluster certificate, and membership in PostgreSQL (Orleans' ADO.NET clustering), as without Kubernetes.
        Assert.True(services.GetRequiredService<ClusterTransportSecurity>().IsMutualTls);
        var clustering = services.GetRequiredService<IOptions<AdoNetClusteringSiloOptions>>().Value;
        Assert.Equal(ClusterSiloBuilderExtensions.PostgresInvariant, clustering.Invariant);
        Assert.Contains("postgres.invalid", clustering.ConnectionString);
        Assert.Equal("AdoNetClusteringTable", services.GetRequiredService<IMembershipTable>().GetType().Name);

        // Orleans' Kubernetes hosting is in, and its own validation (namespace, pod name) passes.
        Assert.NotEmpty(services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
        Assert.NotNull(services.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value);
    }

    [Fact]
    public void An_explicit_advertised_address_wins_over_POD_IP()
    {
        var settings = KubernetesSettings();
        settings["Cluster:AdvertisedAddress"] = "10.9.8.7";
        using var silo = BuildSilo(settings);
        Assert.Equal(IPAddress.Parse("10.9.8.7"), silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    [Fact]
    public void Off_by_default_the_pod_variables_do_not_name_the_silo()
    {
        var settings = KubernetesSettings();
        settings.Remove("Cluster:Kubernetes:Enabled");
        using var silo = BuildSilo(settings);
        Assert.NotEqual(PodName, silo.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
        Assert.Empty(silo.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>());
    }

    [Theory]
    [InlineData("POD_NAME", null, "environment variable POD_NAME")]
    [InlineData("POD_NAMESPACE", "", "environment variable POD_NAMESPACE")]
    [InlineData("POD_IP", null, "environment variable POD_IP")]
    [InlineData("POD_IP", "not-an-ip", "POD_IP must be an IP address")]
    [InlineData("ORLEANS_CLUSTER_ID", "another-cluster", "ORLEANS_CLUSTER_ID ('another-cluster') and Cluster:ClusterId ('k8s-cluster') must agree")]
    [InlineData("ORLEANS_SERVICE_ID", "another-service", "ORLEANS_SERVICE_ID ('another-service') and Cluster:ServiceId ('k8s-service') must agree")]
    public void A_pod_without_what_kubernetes_hosting_needs_is_an_invalid_configuration_naming_it(string variable, string? value, string expected)
    {
        SetEnvironment(variable, value);
        var invalid = Assert.Throws<OptionsValidationException>(() => BuildSilo(KubernetesSettings()).Dispose());
        Assert.Equal(ClusterKubernetesOptions.SectionName, invalid.OptionsName);
        Assert.Contains(expected, Assert.Single(invalid.Failures));
    }

    [Fact]
    public void Kubernetes_hosting_on_sqlite_is_an_invalid_configuration()
    {
        var settings = KubernetesSettings();
        settings["Cluster:Storage:Provider"] = "Sqlite";
        settings["Cluster:Storage:Schema"] = "Install";
        settings["Cluster:Storage:ConnectionString"] = "Data Source=unused.db";
        var invalid = Assert.Throws<OptionsValidationException>(() => BuildSilo(settings).Dispose());
        Assert.Contains("Cluster:Kubernetes:Enabled requires Cluster:Storage:Provider=Postgres", Assert.Single(invalid.Failures));
    }

    [Fact]
    public async Task Without_a_kubernetes_api_the_silo_fails_to_start_at_once_saying_what_is_missing()
    {
        using var silo = BuildSilo(KubernetesSettings());
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync(timeout.Token));
        Assert.False(timeout.IsCancellationRequested, "the start hung until the test's timeout");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"failing took {started.Elapsed}");
        var messages = string.Join(" | ", Chain(failure).Select(e => $"{e.GetType().Name}: {e.Message}"));
        Assert.Contains("KUBERNETES_SERVICE_HOST", messages);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException many)
                foreach (var inner in many.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}

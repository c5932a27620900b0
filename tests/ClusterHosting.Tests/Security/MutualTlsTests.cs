using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Hosting.Security;
using Cluster.Hosting.Tests.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Connections.Security;

namespace Cluster.Hosting.Tests.Security;

/// <summary>Mutual TLS with one cluster certificate between real silos and clients configured as the product's: those
/// with the certificate work together; a client or silo without it, or with another (self-signed) certificate, is refused.
/// Several silos need PostgreSQL clustering; the client cases run against one silo on localhost clustering.</summary>
public sealed class MutualTlsTests : IDisposable
{
    private readonly TestCertificates certificates = new();
    private readonly X509Certificate2 clusterCertificate = TestCertificates.Create("CN=telegram-cluster");
    private readonly X509Certificate2 otherCertificate = TestCertificates.Create("CN=telegram-cluster");
    private readonly Dictionary<string, string?> clusterTls;
    private readonly Dictionary<string, string?> otherTls;

    public MutualTlsTests()
    {
        // Same subject, same kind of key: only the certificate itself tells them apart.
        clusterTls = TestCertificates.Settings(certificates.Pfx(clusterCertificate, "cluster.pfx"));
        otherTls = TestCertificates.Settings(certificates.Pfx(otherCertificate, "other.pfx"));
    }

    public void Dispose()
    {
        clusterCertificate.Dispose();
        otherCertificate.Dispose();
        certificates.Dispose();
    }

    private static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts)
    {
        var all = new Dictionary<string, string?>();
        foreach (var part in parts)
            foreach (var (k, v) in part) all[k] = v;
        return all;
    }

    /// <summary>How Orleans' TLS middleware reports a peer certificate (or its absence) that the validation refused.</summary>
    private const string Rejected = "The remote certificate was rejected by the provided RemoteCertificateValidationCallback";

    private static Dictionary<string, string?> Disabled => new() { ["Cluster:Tls:Mode"] = "Disabled" };

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Two_silos_and_a_client_with_the_cluster_certificate_work_together()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new TlsCluster(Merge(TlsCluster.Postgres(database.ConnectionString, "tls-two-silos"), clusterTls));
        var first = await cluster.StartSiloAsync("silo-1");
        var second = await cluster.StartSiloAsync("silo-2");
        var client = await cluster.StartClientAsync("client");

        // Grains placed at random on both silos, called through one gateway: calls cross between the silos too.
        var silos = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetGrain<ITlsEchoGrain>($"echo-{i}").SiloAsync()));
        Assert.Equal(2, silos.Distinct().Count());
        Assert.Equal(40, (await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetGrain<ITlsEchoGrain>($"echo-{i}").EchoAsync(i)))).Distinct().Count());
        var active = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, active.Count);

        // Both ports of a silo speak TLS and present the cluster certificate.
        foreach (var port in new[] { TlsCluster.SiloPort(second), TlsCluster.GatewayPort(second), TlsCluster.SiloPort(first) })
        {
            using var presented = await PresentedCertificateAsync(port, clusterCertificate);
            Assert.Equal(clusterCertificate.GetCertHashString(HashAlgorithmName.SHA256), presented.GetCertHashString(HashAlgorithmName.SHA256));
        }
        foreach (var host in new[] { first, second })
            Assert.True(host.Services.GetRequiredService<ClusterTransportSecurity>().IsMutualTls);
        // No peer was refused. (A handshake that timed out on a starved machine is retried by Orleans and is not a refusal.)
        Assert.False(cluster.Log.Any(l => l.Category.StartsWith("Orleans.Connections.Security.", StringComparison.Ordinal)
            && !l.Message.Contains("timed out", StringComparison.OrdinalIgnoreCase)), cluster.Dump());
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task A_silo_without_the_cluster_certificate_cannot_join()
    {
        await using var database = await FreshDatabase.CreateAsync();
        await using var cluster = new TlsCluster(Merge(TlsCluster.Postgres(database.ConnectionString, "tls-intruders"), clusterTls));
        var first = await cluster.StartSiloAsync("silo-1");
        await cluster.StartSiloAsync("silo-2");
        var client = await cluster.StartClientAsync("client");
        // Intruders give up joining after a few seconds rather than Orleans' five minutes.
        var quick = new Dictionary<string, string?> { ["Cluster:Membership:MaxJoinAttemptTime"] = "00:00:08" };

        int MembersRefused(string? reason) => cluster.TlsRefusals("silo-1", reason) + cluster.TlsRefusals("silo-2", reason);
        var intruders = new (string Name, Dictionary<string, string?> Settings, Action<ISiloBuilder>? More, Func<int> Refusals)[]
        {
            // Another self-signed certificate, configured as the product's: it refuses the members' certificate (and they its).
            ("other-certificate", Merge(otherTls, quick), null, () => cluster.TlsRefusals("other-certificate", Rejected) + MembersRefused(Rejected)),
            // Another certificate, but accepting any peer: the members themselves refuse it.
            ("accepts-anyone", Merge(Disabled, quick), silo => silo.UseTls(otherCertificate, tls => tls.AllowAnyRemoteCertificate()), () => MembersRefused(Rejected)),
            // No TLS at all: the members' TLS handshake fails.
            ("plain", Merge(Disabled, quick), null, () => MembersRefused(null)),
        };
        foreach (var (name, settings, more, refusals) in intruders)
        {
            var before = refusals();
            var intruder = cluster.BuildSilo(name, settings, more);
            var address = intruder.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var failure = await Record.ExceptionAsync(() => intruder.StartAsync());
            Assert.True(failure is not null, $"the {name} silo joined: {cluster.Dump()}");
            Assert.True(refusals() > before, $"the {name} silo was not refused in a TLS handshake: {cluster.Dump()}");
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
            Assert.DoesNotContain(address, hosts.Keys);
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Record.ExceptionAsync(() => intruder.StopAsync(stopping.Token));
        }
        // The cluster still serves calls, and no member was harmed.
        Assert.DoesNotContain(cluster.Log, l => l.Category == "FATAL" && l.Source.StartsWith("silo-", StringComparison.Ordinal));
        Assert.Equal(7, await client.GetGrain<ITlsEchoGrain>("after-intruders").EchoAsync(7));
        using var presented = await PresentedCertificateAsync(TlsCluster.SiloPort(first), clusterCertificate);
        Assert.Equal(clusterCertificate.Thumbprint, presented.Thumbprint);
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_is_served_by_a_single_silo()
    {
        await using var cluster = new TlsCluster(Merge(TlsCluster.Sqlite(certificates.Folder, "tls-one"), clusterTls));
        var silo = await cluster.StartSiloAsync("silo");
        var client = await cluster.StartClientAsync("client", silo);
        Assert.Equal(42, await client.GetGrain<ITlsEchoGrain>("one").EchoAsync(42));
        var security = silo.Services.GetRequiredService<ClusterTransportSecurity>();
        Assert.True(security.IsMutualTls);
        Assert.Equal(clusterCertificate.GetCertHashString(HashAlgorithmName.SHA256), security.Thumbprint);
    }

    [Fact]
    public async Task A_client_without_tls_is_refused()
    {
        await using var cluster = new TlsCluster(Merge(TlsCluster.Sqlite(certificates.Folder, "tls-plain-client"), clusterTls));
        var silo = await cluster.StartSiloAsync("silo");
        await cluster.AssertClientRefusedAsync(cluster.BuildClient("plain-client", silo, Disabled), refusedBy: "silo");
        await AssertStillServesAsync(cluster, silo);
    }

    [Fact]
    public async Task A_tls_client_without_a_certificate_is_refused()
    {
        await using var cluster = new TlsCluster(Merge(TlsCluster.Sqlite(certificates.Folder, "tls-no-certificate"), clusterTls));
        var silo = await cluster.StartSiloAsync("silo");
        // TLS that trusts any gateway but presents no certificate of its own.
        var anonymous = cluster.BuildClient("anonymous", silo, Disabled, client => client.UseTls(tls =>
        {
            tls.LocalCertificate = null;
            tls.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
            tls.AllowAnyRemoteCertificate();
        }));
        await cluster.AssertClientRefusedAsync(anonymous, refusedBy: "silo", Rejected);
        await AssertStillServesAsync(cluster, silo);
    }

    [Fact]
    public async Task A_client_with_another_self_signed_certificate_is_refused()
    {
        await using var cluster = new TlsCluster(Merge(TlsCluster.Sqlite(certificates.Folder, "tls-other-client"), clusterTls));
        var silo = await cluster.StartSiloAsync("silo");
        // Configured as the product's, with the other certificate: neither end accepts the other.
        await cluster.AssertClientRefusedAsync(cluster.BuildClient("other-client", silo, otherTls), refusedBy: "other-client", Rejected);
        // The other certificate, trusting any gateway: the silo itself must refuse it.
        var trusting = cluster.BuildClient("trusting-client", silo, Disabled, client => client.UseTls(otherCertificate, tls => tls.AllowAnyRemoteCertificate()));
        await cluster.AssertClientRefusedAsync(trusting, refusedBy: "silo", Rejected);
        await AssertStillServesAsync(cluster, silo);
    }

    [Fact]
    public async Task A_client_refuses_a_gateway_with_another_certificate()
    {
        await using var cluster = new TlsCluster(TlsCluster.Sqlite(certificates.Folder, "tls-fake-gateway"));
        // A silo with another certificate that would accept anyone: the client must not talk to it.
        var impostor = await cluster.StartSiloAsync("impostor", Disabled, silo => silo.UseTls(otherCertificate, tls => tls.AllowAnyRemoteCertificate()));
        await cluster.AssertClientRefusedAsync(cluster.BuildClient("client", impostor, clusterTls), refusedBy: "client", Rejected);
    }

    private async Task AssertStillServesAsync(TlsCluster cluster, IHost silo)
    {
        var client = await cluster.StartClientAsync("good-client", silo, clusterTls);
        Assert.Equal(5, await client.GetGrain<ITlsEchoGrain>("still-serving").EchoAsync(5));
    }

    /// <summary>The certificate a silo presents on <paramref name="port"/> to a TLS client presenting <paramref name="mine"/>.</summary>
    private static async Task<X509Certificate2> PresentedCertificateAsync(int port, X509Certificate2 mine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "cluster",
            ClientCertificates = [mine],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return true;
            },
        }).WaitAsync(TimeSpan.FromSeconds(15));
        return presented ?? throw new InvalidOperationException($"port {port} presented no certificate");
    }
}

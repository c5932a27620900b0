using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cluster.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Cluster.Hosting.Security;

/// <summary>Decides from <c>Cluster:Tls</c> and the storage provider whether cluster connections are mutual TLS, and
/// configures Orleans' TLS (<c>Microsoft.Orleans.Connections.Security</c>) so that each end presents the cluster
/// certificate and accepts only a peer presenting the same one.</summary>
public static class ClusterTls
{
    /// <summary>The command the error messages suggest for creating a cluster certificate.</summary>
    public const string OpensslCommand =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=telegram-cluster -keyout cluster.key -out cluster.crt";

    private const string PathKey = ClusterTlsOptions.SectionName + ":" + nameof(ClusterTlsOptions.CertificatePath);
    private const string ModeKey = ClusterTlsOptions.SectionName + ":" + nameof(ClusterTlsOptions.Mode);

    /// <summary>The transport security of a silo or client; throws <see cref="OptionsValidationException"/> (one failure naming
    /// the setting) when the configuration asks for TLS without a usable certificate, or runs PostgreSQL clustering
    /// without a certificate and without <c>Cluster:Tls:Mode=Disabled</c>.</summary>
    /// <param name="configuration">The configuration with the <c>Cluster:Tls</c> section.</param>
    /// <param name="provider">The cluster database: SQLite is the embedded single silo, PostgreSQL several silos.</param>
    /// <param name="listenAddress">For a silo on SQLite, the address it is reachable on (for the log line); null for clients.</param>
    public static ClusterTransportSecurity Resolve(IConfiguration configuration, ClusterStorageProvider provider, IPAddress? listenAddress = null)
    {
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        return Resolve(options, provider, listenAddress, DateTimeOffset.UtcNow);
    }

    internal static ClusterTransportSecurity Resolve(ClusterTlsOptions options, ClusterStorageProvider provider, IPAddress? listenAddress, DateTimeOffset now)
    {
        var configured = !string.IsNullOrWhiteSpace(options.CertificatePath);
        if (options.Mode == ClusterTlsMode.Disabled)
            return ClusterTransportSecurity.Unencrypted($"{ModeKey}=Disabled", warn: provider != ClusterStorageProvider.Sqlite || !IsLoopback(listenAddress));
        if (!configured)
        {
            if (options.Mode == ClusterTlsMode.Required)
                throw Invalid($"{ModeKey} is Required but {PathKey} is not set. {HowToCreate()}");
            if (provider != ClusterStorageProvider.Sqlite)
                throw Invalid($"{PathKey} is required with {ClusterStorageOptions.SectionName}:Provider=Postgres: several silos talk over the " +
                    $"network, so their traffic and the clients' is mutual TLS with one cluster certificate. {HowToCreate()} " +
                    $"To run without TLS on a trusted network, set {ModeKey}=Disabled on every silo and client.");
            return listenAddress is null || IsLoopback(listenAddress)
                ? ClusterTransportSecurity.Unencrypted("embedded single silo on loopback", warn: false)
                : ClusterTransportSecurity.Unencrypted($"embedded single silo, reachable on {listenAddress}", warn: true);
        }
        var certificate = ClusterCertificateLoader.TryLoad(options, now, out var problem);
        if (certificate is null) throw Invalid(problem!);
        return ClusterTransportSecurity.MutualTls(certificate);
    }

    /// <summary>Orleans' TLS settings for the cluster certificate: presented on every connection (as server and as client),
    /// required of every peer, and the only certificate a peer is accepted with (compared by its SHA-256 hash, so neither a
    /// certificate authority nor a host name is involved: a self-signed certificate is the intended use).</summary>
    public static void Configure(TlsOptions tls, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(certificate);
        var expected = certificate.GetCertHash(HashAlgorithmName.SHA256);
        tls.LocalCertificate = certificate;
        // Always present the certificate as a client too, whatever issuers the server lists (none for a self-signed one).
        tls.LocalClientCertificateSelector = (_, _, _, _, _) => certificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The chain of a self-signed certificate is untrusted and peers are dialled by IP address: those policy errors are
        // expected; what counts is that the peer holds the cluster certificate (its key proven by the handshake).
        tls.RemoteCertificateValidation = (peer, _, _) => IsClusterCertificate(peer, expected);
        tls.OnAuthenticateAsServer = (_, server) => server.ClientCertificateRequired = true;
        tls.CheckCertificateRevocation = false;
    }

    /// <summary>True when <paramref name="peer"/> is the certificate whose SHA-256 hash is <paramref name="expected"/>.</summary>
    public static bool IsClusterCertificate(X509Certificate2? peer, byte[] expected) =>
        peer is not null && CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), expected);

    /// <summary>How to create a cluster certificate and where to configure it.</summary>
    public static string HowToCreate() =>
        $"Create a cluster certificate, e.g. `{OpensslCommand}`, and set {PathKey}=cluster.crt and " +
        $"{ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.KeyPath)}=cluster.key on every silo and client " +
        $"(or {PathKey} to a PKCS#12 .pfx file with {ClusterTlsOptions.SectionName}:{nameof(ClusterTlsOptions.CertificatePassword)}).";

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    private static OptionsValidationException Invalid(string problem) =>
        new(ClusterTlsOptions.SectionName, typeof(ClusterTlsOptions), [problem]);
}

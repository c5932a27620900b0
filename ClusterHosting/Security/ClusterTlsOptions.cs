namespace Cluster.Hosting.Security;

/// <summary>Whether silo-to-silo and client-to-gateway traffic is mutual TLS; see <see cref="ClusterTlsOptions.Mode"/>.</summary>
public enum ClusterTlsMode
{
    /// <summary>Every connection is mutual TLS with the cluster certificate; a silo or client without one does not start.</summary>
    Required,

    /// <summary>Plain TCP: traffic is not encrypted and anyone who reaches the silo and gateway ports can join or call grains.</summary>
    Disabled,
}

/// <summary>Mutual TLS between the silos and between clients and the silos' gateways; bound from <c>Cluster:Tls</c>.
/// <para>The cluster has one certificate (self-signed is fine). Every silo and every client presents it, and accepts a
/// peer only when the peer presents that same certificate (its SHA-256 hash is compared): no certificate authority, chain
/// or host name is involved, so a certificate some CA issued to somebody else is refused too. Create one with
/// <c>openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=telegram-cluster -keyout cluster.key -out cluster.crt</c>
/// and give the same files to every silo and client. Changing it means restarting every silo and client with the new one.</para></summary>
public sealed class ClusterTlsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster:Tls";

    /// <summary>The cluster certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with its private key, opened with
    /// <see cref="CertificatePassword"/>) or a PEM certificate (<c>.crt</c>/<c>.pem</c>) whose private key is in
    /// <see cref="KeyPath"/> or in the same file. Default: none (see <see cref="Mode"/> for what that means).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/> (PKCS#8, possibly encrypted with
    /// <see cref="CertificatePassword"/>, or PKCS#1/SEC1). Default: none (the key is read from <see cref="CertificatePath"/>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PKCS#12 file or of an encrypted PEM key. A secret: never logged nor written into an error
    /// message. Default: none (an unencrypted file).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary><c>Required</c> or <c>Disabled</c>. Default (unset): <c>Required</c> when <see cref="CertificatePath"/> is set;
    /// without a certificate, the embedded default (SQLite storage: one silo, localhost clustering) runs without TLS, while
    /// PostgreSQL storage (several silos, reachable over the network) refuses to start, saying how to create a certificate:
    /// an unauthenticated silo port would let anyone on the network join the cluster, so running several silos without TLS
    /// has to be chosen explicitly with <c>Disabled</c>. <c>Required</c> without a certificate does not start either.
    /// <c>Disabled</c> turns TLS off even when a certificate is configured. Silos and their clients must agree.</summary>
    public ClusterTlsMode? Mode { get; set; }

    /// <summary>The settings without the password, for diagnostics.</summary>
    public override string ToString() =>
        $"{SectionName}: CertificatePath={CertificatePath ?? "(none)"}, KeyPath={KeyPath ?? "(none)"}, " +
        $"CertificatePassword={(string.IsNullOrEmpty(CertificatePassword) ? "(none)" : "(set)")}, Mode={Mode?.ToString() ?? "(default)"}";
}

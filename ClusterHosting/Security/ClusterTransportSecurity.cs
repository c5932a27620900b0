using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Security;

/// <summary>How this silo's or client's cluster connections are protected, as decided from <see cref="ClusterTlsOptions"/>
/// (registered as a singleton by <c>UseClusterSilo</c> and <c>UseClusterClient</c>). Holds no secret: the certificate's
/// private key stays in <see cref="Certificate"/>, which only the TLS connection middleware uses.</summary>
public sealed class ClusterTransportSecurity
{
    private ClusterTransportSecurity(X509Certificate2? certificate, string? unencryptedReason, bool warn)
    {
        Certificate = certificate;
        UnencryptedReason = unencryptedReason;
        Warn = warn;
        Thumbprint = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The cluster certificate every connection presents and requires of its peer; null without TLS.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The SHA-256 hash of <see cref="Certificate"/> in hex (as <c>openssl x509 -noout -fingerprint -sha256</c>
    /// prints it, without the colons); null without TLS.</summary>
    public string? Thumbprint { get; }

    /// <summary>True when every cluster connection is mutual TLS.</summary>
    public bool IsMutualTls => Certificate is not null;

    /// <summary>Why traffic is not encrypted (e.g. "embedded single silo on loopback"); null with TLS.</summary>
    public string? UnencryptedReason { get; }

    /// <summary>True when running without TLS deserves a warning (chosen with <c>Disabled</c>, or reachable off loopback).</summary>
    public bool Warn { get; }

    /// <summary>One line for the log: what protects the cluster's traffic.</summary>
    public string Description => IsMutualTls
        ? $"Cluster traffic: mutual TLS with certificate {Thumbprint} (SHA-256; {Certificate!.Subject}, valid until {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}); only silos and clients presenting this certificate are accepted"
        : $"Cluster traffic is not encrypted ({UnencryptedReason})";

    internal static ClusterTransportSecurity MutualTls(X509Certificate2 certificate) => new(certificate, null, warn: false);

    internal static ClusterTransportSecurity Unencrypted(string reason, bool warn) => new(null, reason, warn);

    /// <summary>Writes <see cref="Description"/>: information with TLS or on loopback, a warning otherwise.</summary>
    public void Log(ILogger logger)
    {
        if (IsMutualTls) ClusterTlsLog.MutualTls(logger, Thumbprint!, Certificate!.Subject, Certificate.NotAfter.ToUniversalTime());
        else if (Warn) ClusterTlsLog.UnencryptedWarning(logger, UnencryptedReason!);
        else ClusterTlsLog.Unencrypted(logger, UnencryptedReason!);
    }
}

internal static partial class ClusterTlsLog
{
    [LoggerMessage(EventId = 140, Level = LogLevel.Information,
        Message = "Cluster traffic: mutual TLS with certificate {Thumbprint} (SHA-256; {Subject}, valid until {NotAfter:yyyy-MM-dd}); only silos and clients presenting this certificate are accepted")]
    public static partial void MutualTls(ILogger logger, string thumbprint, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Cluster traffic is not encrypted ({Reason})")]
    public static partial void Unencrypted(ILogger logger, string reason);

    [LoggerMessage(EventId = 142, Level = LogLevel.Warning,
        Message = "Cluster traffic is not encrypted ({Reason}): whoever reaches the silo and gateway ports can join the cluster and call its grains; set Cluster:Tls:CertificatePath to require mutual TLS")]
    public static partial void UnencryptedWarning(ILogger logger, string reason);
}

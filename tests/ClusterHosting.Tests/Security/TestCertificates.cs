using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Hosting.Tests.Security;

/// <summary>Self-signed certificates made in the test (<see cref="CertificateRequest"/>) and written to a temporary folder
/// as an operator would give them: a PKCS#12 file with a password, PEM certificate and key files, a bare certificate.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "pfx-secret-Zq81";

    public TestCertificates()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cluster-tls-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>A self-signed ECDSA P-256 certificate with its key, valid from yesterday for a year unless told otherwise.</summary>
    public static X509Certificate2 Create(string subject = "CN=telegram-cluster", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null,
        params string[] extendedKeyUsages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (extendedKeyUsages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var oid in extendedKeyUsages) oids.Add(new Oid(oid));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
        return request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A self-signed RSA 2048 certificate with its key.</summary>
    public static X509Certificate2 CreateRsa(string subject = "CN=telegram-cluster-rsa")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as a PKCS#12 file protected by <paramref name="password"/>.</summary>
    public string Pfx(X509Certificate2 certificate, string name = "cluster.pfx", string? password = Password) =>
        Write(name, certificate.Export(X509ContentType.Pkcs12, password));

    /// <summary>Writes the certificate alone (DER), as a <c>.cer</c> file has it.</summary>
    public string Der(X509Certificate2 certificate, string name = "cluster.cer") => Write(name, certificate.Export(X509ContentType.Cert));

    /// <summary>Writes the PEM certificate.</summary>
    public string PemCertificate(X509Certificate2 certificate, string name = "cluster.crt") => Write(name, certificate.ExportCertificatePem());

    /// <summary>Writes the PEM private key: PKCS#8, encrypted with <paramref name="password"/> when given.</summary>
    public string PemKey(X509Certificate2 certificate, string name = "cluster.key", string? password = null)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()!;
        var pem = password is null
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
        return Write(name, pem);
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The settings that give a silo or client the certificate in the PKCS#12 file <paramref name="pfxPath"/>.</summary>
    public static Dictionary<string, string?> Settings(string pfxPath, string? password = Password) => new()
    {
        ["Cluster:Tls:CertificatePath"] = pfxPath,
        ["Cluster:Tls:CertificatePassword"] = password,
    };

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

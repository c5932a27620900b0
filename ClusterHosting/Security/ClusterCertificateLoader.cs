using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Cluster.Hosting.Security;

/// <summary>Reads the cluster certificate named by <see cref="ClusterTlsOptions"/>, and says in one sentence naming the
/// setting what is wrong when it cannot be used: a missing or unreadable file, a file that is no certificate, a wrong
/// password, no private key, an expired certificate, or one whose key usages forbid either end of a TLS connection.
/// The password never appears in a message.</summary>
public static class ClusterCertificateLoader
{
    private const string PathKey = ClusterTlsOptions.SectionName + ":" + nameof(ClusterTlsOptions.CertificatePath);
    private const string KeyPathKey = ClusterTlsOptions.SectionName + ":" + nameof(ClusterTlsOptions.KeyPath);
    private const string PasswordKey = ClusterTlsOptions.SectionName + ":" + nameof(ClusterTlsOptions.CertificatePassword);
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>The certificate with its private key, or null with <paramref name="problem"/> set.</summary>
    public static X509Certificate2? TryLoad(ClusterTlsOptions options, DateTimeOffset now, out string? problem)
    {
        var path = options.CertificatePath!;
        if (!ReadFile(path, PathKey, out var bytes, out problem)) return null;
        var certificate = LooksLikePem(bytes!)
            ? LoadPem(options, path, Encoding.UTF8.GetString(bytes!), out problem)
            : LoadBinary(options, path, bytes!, out problem);
        if (certificate is null) return null;
        problem = Unusable(certificate, path, now);
        if (problem is null) return certificate;
        certificate.Dispose();
        return null;
    }

    private static bool ReadFile(string path, string key, out byte[]? bytes, out string? problem)
    {
        bytes = null;
        problem = null;
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            problem = $"{key}: {full} is a folder, not a file.";
            return false;
        }
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"{key}: the file {full} does not exist.";
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            problem = $"{key}: the file {full} cannot be read (permission denied).";
            return false;
        }
        catch (IOException unreadable)
        {
            problem = $"{key}: the file {full} cannot be read ({unreadable.Message}).";
            return false;
        }
        if (bytes.Length == 0)
        {
            problem = $"{key}: the file {full} is empty.";
            return false;
        }
        return true;
    }

    private static bool LooksLikePem(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024)).Contains("-----BEGIN ", StringComparison.Ordinal);

    // A PKCS#12 file (a DER SEQUENCE starting with version 3), or else a DER certificate without its key.
    private static X509Certificate2? LoadBinary(ClusterTlsOptions options, string path, byte[] bytes, out string? problem)
    {
        var full = Path.GetFullPath(path);
        problem = null;
        if (IsPkcs12(bytes))
        {
            try
            {
                return X509CertificateLoader.LoadPkcs12(bytes, options.CertificatePassword);
            }
            catch (CryptographicException)
            {
                problem = string.IsNullOrEmpty(options.CertificatePassword)
                    ? $"{PathKey}: the PKCS#12 file {full} cannot be opened without a password: set {PasswordKey} (or the file is damaged)."
                    : $"{PathKey}: the PKCS#12 file {full} cannot be opened with the configured {PasswordKey}: the password is wrong (or the file is damaged).";
                return null;
            }
        }
        try
        {
            using var withoutKey = X509CertificateLoader.LoadCertificate(bytes);
            problem = NoPrivateKey(full);
        }
        catch (CryptographicException)
        {
            problem = $"{PathKey}: the file {full} is neither a PKCS#12 (.pfx) file nor a PEM certificate.";
        }
        return null;
    }

    private static bool IsPkcs12(byte[] bytes)
    {
        try
        {
            var pfx = new AsnReader(bytes, AsnEncodingRules.BER).ReadSequence();
            return pfx.TryReadInt32(out var version) && version == 3;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    // A PEM certificate with its key in KeyPath or in the same file (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC).
    private static X509Certificate2? LoadPem(ClusterTlsOptions options, string path, string certificateText, out string? problem)
    {
        var full = Path.GetFullPath(path);
        X509Certificate2 publicOnly;
        try
        {
            publicOnly = X509Certificate2.CreateFromPem(certificateText);
        }
        catch (CryptographicException)
        {
            problem = $"{PathKey}: the PEM file {full} holds no readable CERTIFICATE.";
            return null;
        }
        using (publicOnly)
        {
            var keyText = certificateText;
            var keyFile = full;
            var keyKey = PathKey;
            if (!string.IsNullOrWhiteSpace(options.KeyPath))
            {
                keyFile = Path.GetFullPath(options.KeyPath);
                keyKey = KeyPathKey;
                if (!ReadFile(options.KeyPath, KeyPathKey, out var keyBytes, out problem)) return null;
                keyText = Encoding.UTF8.GetString(keyBytes!);
            }
            var labels = PemLabels(keyText);
            if (!labels.Any(l => l.EndsWith("PRIVATE KEY", StringComparison.Ordinal)))
            {
                problem = NoPrivateKey(full);
                return null;
            }
            var encrypted = labels.Contains("ENCRYPTED PRIVATE KEY");
            if (encrypted && string.IsNullOrEmpty(options.CertificatePassword))
            {
                problem = $"{keyKey}: the private key in {keyFile} is encrypted: set {PasswordKey}.";
                return null;
            }
            try
            {
                var withKey = WithPrivateKey(publicOnly, keyText, encrypted ? options.CertificatePassword : null);
                if (withKey is null)
                {
                    problem = $"{PathKey}: the key algorithm of {full} is not supported (use an RSA or ECDSA key).";
                    return null;
                }
                problem = null;
                // SChannel does not use the ephemeral key of a PEM import for TLS: a PKCS#12 round trip gives it a stored one.
                if (!OperatingSystem.IsWindows()) return withKey;
                using (withKey) return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            }
            catch (CryptographicException) when (encrypted)
            {
                problem = $"{keyKey}: the encrypted private key in {keyFile} cannot be decrypted with the configured {PasswordKey}: the password is wrong.";
                return null;
            }
            catch (Exception unreadable) when (unreadable is CryptographicException or ArgumentException)
            {
                problem = unreadable.Message.Contains("does not match", StringComparison.OrdinalIgnoreCase)
                    ? $"{keyKey}: the private key in {keyFile} does not belong to the certificate in {full}."
                    : $"{keyKey}: the private key in {keyFile} cannot be read (a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY is expected).";
                return null;
            }
        }
    }

    private static X509Certificate2? WithPrivateKey(X509Certificate2 certificate, string keyText, string? password)
    {
        if (certificate.GetRSAPublicKey() is { } rsaPublic)
        {
            rsaPublic.Dispose();
            using var rsa = RSA.Create();
            if (password is null) rsa.ImportFromPem(keyText);
            else rsa.ImportFromEncryptedPem(keyText, password);
            return certificate.CopyWithPrivateKey(rsa);
        }
        if (certificate.GetECDsaPublicKey() is { } ecPublic)
        {
            ecPublic.Dispose();
            using var ecdsa = ECDsa.Create();
            if (password is null) ecdsa.ImportFromPem(keyText);
            else ecdsa.ImportFromEncryptedPem(keyText, password);
            return certificate.CopyWithPrivateKey(ecdsa);
        }
        return null;
    }

    private static List<string> PemLabels(string text)
    {
        var labels = new List<string>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            labels.Add(rest[fields.Label].ToString());
            rest = rest[fields.Location.End..];
        }
        return labels;
    }

    private static string NoPrivateKey(string full) =>
        $"{PathKey}: {full} is a certificate without its private key: give a PKCS#12 (.pfx) file that holds the key, or put the PEM key in {KeyPathKey}.";

    // What makes a certificate with its key still unusable for both ends of a cluster connection.
    private static string? Unusable(X509Certificate2 certificate, string path, DateTimeOffset now)
    {
        var full = Path.GetFullPath(path);
        if (!certificate.HasPrivateKey) return NoPrivateKey(full);
        if (now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            return $"{PathKey}: the certificate in {full} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: create a new one and give it to every silo and client.";
        if (now.UtcDateTime < certificate.NotBefore.ToUniversalTime())
            return $"{PathKey}: the certificate in {full} is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC.";
        foreach (var usages in certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>())
        {
            var oids = usages.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
            if (!oids.Contains(ServerAuthentication) || !oids.Contains(ClientAuthentication))
                return $"{PathKey}: the certificate in {full} has an Extended Key Usage extension without both serverAuth and clientAuth: " +
                    "every silo is server and client of the others, so the cluster certificate needs both (or no such extension).";
        }
        foreach (var usage in certificate.Extensions.OfType<X509KeyUsageExtension>())
            if ((usage.KeyUsages & X509KeyUsageFlags.DigitalSignature) == 0)
                return $"{PathKey}: the certificate in {full} has a Key Usage extension without digitalSignature, which TLS needs.";
        return null;
    }
}

using System.Security.Cryptography;
using Cluster.Hosting.Configuration;
using Cluster.Hosting.Hosting;
using Cluster.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Tests.Security;

/// <summary>What <c>Cluster:Tls</c> decides, and the one-line configuration errors (an options validation failure naming
/// <c>Cluster:Tls:CertificatePath</c>, which the silo reports with exit code 2) for certificates that cannot be used.
/// Silos and clients are configured as the product's but not started.</summary>
public sealed class ClusterTlsConfigurationTests : IDisposable
{
    private const string PathKey = "Cluster:Tls:CertificatePath";
    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    private static Dictionary<string, string?> Sqlite(Dictionary<string, string?>? tls = null) => With(tls, new()
    {
        ["Cluster:Storage:Provider"] = "Sqlite",
        ["Cluster:Storage:ConnectionString"] = "Data Source=unused.db",
    });

    private static Dictionary<string, string?> Postgres(Dictionary<string, string?>? tls = null) => With(tls, new()
    {
        ["Cluster:Storage:Provider"] = "Postgres",
        ["Cluster:Storage:ConnectionString"] = "Host=127.0.0.1;Database=unused;Username=postgres",
    });

    private static Dictionary<string, string?> With(Dictionary<string, string?>? extra, Dictionary<string, string?> settings)
    {
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return settings;
    }

    /// <summary>Configures a silo as the product does (<c>UseClusterSilo</c>) and builds it, without starting it.</summary>
    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseClusterSilo(builder.Configuration));
        return builder.Build();
    }

    private static IHost BuildClient(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleansClient(client => client.UseClusterClient(builder.Configuration));
        return builder.Build();
    }

    private static string SiloFailure(Dictionary<string, string?> settings)
    {
        var invalid = Assert.Throws<OptionsValidationException>(() => BuildSilo(settings).Dispose());
        var failure = Assert.Single(invalid.Failures);
        Assert.Equal(ClusterTlsOptions.SectionName, invalid.OptionsName);
        Assert.DoesNotContain(TestCertificates.Password, failure);
        return failure;
    }

    [Fact]
    public void The_embedded_sqlite_silo_runs_without_tls_and_says_so()
    {
        using var silo = BuildSilo(Sqlite());
        var security = silo.Services.GetRequiredService<ClusterTransportSecurity>();
        Assert.False(security.IsMutualTls);
        Assert.False(security.Warn);
        Assert.Equal("Cluster traffic is not encrypted (embedded single silo on loopback)", security.Description);
    }

    [Fact]
    public void An_embedded_silo_reachable_off_loopback_without_tls_is_a_warning()
    {
        using var silo = BuildSilo(Sqlite(new() { ["Cluster:AdvertisedAddress"] = "10.1.2.3" }));
        var security = silo.Services.GetRequiredService<ClusterTransportSecurity>();
        Assert.False(security.IsMutualTls);
        Assert.True(security.Warn);
        Assert.Contains("reachable on 10.1.2.3", security.Description);
    }

    [Fact]
    public void A_configured_certificate_makes_tls_required_and_the_log_line_names_its_thumbprint()
    {
        using var certificate = TestCertificates.Create();
        using var silo = BuildSilo(Sqlite(TestCertificates.Settings(certificates.Pfx(certificate))));
        var security = silo.Services.GetRequiredService<ClusterTransportSecurity>();
        Assert.True(security.IsMutualTls);
        Assert.Equal(certificate.GetCertHashString(HashAlgorithmName.SHA256), security.Thumbprint);
        Assert.StartsWith($"Cluster traffic: mutual TLS with certificate {security.Thumbprint} (SHA-256; CN=telegram-cluster", security.Description);
        Assert.DoesNotContain(TestCertificates.Password, security.Description);
    }

    [Fact]
    public void Postgres_without_a_certificate_refuses_to_start_and_says_how_to_create_one()
    {
        var failure = SiloFailure(Postgres());
        Assert.Contains(PathKey + " is required with Cluster:Storage:Provider=Postgres", failure);
        Assert.Contains("openssl req -x509", failure);
        Assert.Contains("Cluster:Tls:Mode=Disabled", failure);
        // The client applies the same rule: it could not reach TLS silos anyway.
        var client = Assert.Throws<OptionsValidationException>(() => BuildClient(Postgres()).Dispose());
        Assert.Contains(PathKey + " is required", Assert.Single(client.Failures));
    }

    [Fact]
    public void Postgres_without_tls_runs_only_when_disabled_explicitly_and_warns()
    {
        using var silo = BuildSilo(Postgres(new() { ["Cluster:Tls:Mode"] = "Disabled" }));
        var security = silo.Services.GetRequiredService<ClusterTransportSecurity>();
        Assert.False(security.IsMutualTls);
        Assert.True(security.Warn);
        Assert.Equal("Cluster traffic is not encrypted (Cluster:Tls:Mode=Disabled)", security.Description);
        using var client = BuildClient(Postgres(new() { ["Cluster:Tls:Mode"] = "Disabled" }));
        Assert.False(client.Services.GetRequiredService<ClusterTransportSecurity>().IsMutualTls);
    }

    [Fact]
    public void Disabled_wins_over_a_configured_certificate()
    {
        using var certificate = TestCertificates.Create();
        var settings = TestCertificates.Settings(certificates.Pfx(certificate));
        settings["Cluster:Tls:Mode"] = "Disabled";
        using var silo = BuildSilo(Postgres(settings));
        Assert.False(silo.Services.GetRequiredService<ClusterTransportSecurity>().IsMutualTls);
    }

    [Fact]
    public void Required_without_a_certificate_is_refused_even_on_sqlite()
    {
        var failure = SiloFailure(Sqlite(new() { ["Cluster:Tls:Mode"] = "Required" }));
        Assert.StartsWith("Cluster:Tls:Mode is Required but " + PathKey + " is not set.", failure);
        Assert.Contains("openssl req -x509", failure);
    }

    [Fact]
    public void A_mode_that_is_no_mode_is_a_configuration_error_naming_the_setting()
    {
        var failure = Assert.ThrowsAny<Exception>(() => BuildSilo(Sqlite(new() { ["Cluster:Tls:Mode"] = "Sometimes" })).Dispose());
        Assert.Contains("Cluster:Tls:Mode", ConfigurationBindingFailure.MessageOf(failure));
    }

    [Fact]
    public void A_missing_certificate_file_is_named()
    {
        var missing = Path.Combine(certificates.Folder, "nowhere.pfx");
        var failure = SiloFailure(Postgres(TestCertificates.Settings(missing)));
        Assert.Equal($"{PathKey}: the file {missing} does not exist.", failure);
        // The client reports it the same way.
        var client = Assert.Throws<OptionsValidationException>(() => BuildClient(Postgres(TestCertificates.Settings(missing))).Dispose());
        Assert.Equal(failure, Assert.Single(client.Failures));
    }

    [Fact]
    public void A_file_that_is_no_certificate_is_named()
    {
        var garbage = certificates.Write("garbage.pfx", [0x01, 0x02, 0x03, 0x04, 0x05]);
        Assert.Equal($"{PathKey}: the file {garbage} is neither a PKCS#12 (.pfx) file nor a PEM certificate.",
            SiloFailure(Postgres(TestCertificates.Settings(garbage))));
        var empty = certificates.Write("empty.pfx", []);
        Assert.Equal($"{PathKey}: the file {empty} is empty.", SiloFailure(Postgres(TestCertificates.Settings(empty))));
        var notPem = certificates.Write("text.crt", "-----BEGIN NONSENSE-----\nAAAA\n-----END NONSENSE-----\n");
        Assert.Equal($"{PathKey}: the PEM file {notPem} holds no readable CERTIFICATE.", SiloFailure(Postgres(TestCertificates.Settings(notPem))));
    }

    [Fact]
    public void An_unreadable_certificate_path_is_named()
    {
        // A folder where the file should be.
        Assert.Equal($"{PathKey}: {certificates.Folder} is a folder, not a file.", SiloFailure(Postgres(TestCertificates.Settings(certificates.Folder))));
        // A file this process may not read (root reads any file, so only when not root).
        if (!Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            using var certificate = TestCertificates.Create();
            var locked = certificates.Pfx(certificate, "locked.pfx");
            File.SetUnixFileMode(locked, UnixFileMode.None);
            Assert.Equal($"{PathKey}: the file {locked} cannot be read (permission denied).", SiloFailure(Postgres(TestCertificates.Settings(locked))));
        }
    }

    [Fact]
    public void A_wrong_or_missing_password_is_named_without_showing_any_password()
    {
        using var certificate = TestCertificates.Create();
        var pfx = certificates.Pfx(certificate);
        var wrong = SiloFailure(Postgres(TestCertificates.Settings(pfx, "not-the-password")));
        Assert.Equal($"{PathKey}: the PKCS#12 file {pfx} cannot be opened with the configured Cluster:Tls:CertificatePassword: the password is wrong (or the file is damaged).", wrong);
        Assert.DoesNotContain("not-the-password", wrong);
        var none = SiloFailure(Postgres(TestCertificates.Settings(pfx, null)));
        Assert.Equal($"{PathKey}: the PKCS#12 file {pfx} cannot be opened without a password: set Cluster:Tls:CertificatePassword (or the file is damaged).", none);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_named()
    {
        using var certificate = TestCertificates.Create();
        var expected = "is a certificate without its private key: give a PKCS#12 (.pfx) file that holds the key, or put the PEM key in Cluster:Tls:KeyPath.";
        var der = certificates.Der(certificate);
        Assert.Equal($"{PathKey}: {der} {expected}", SiloFailure(Postgres(TestCertificates.Settings(der, null))));
        var pem = certificates.PemCertificate(certificate);
        Assert.Equal($"{PathKey}: {pem} {expected}", SiloFailure(Postgres(TestCertificates.Settings(pem, null))));
        // A PKCS#12 file holding only the certificate.
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
        var pfxWithoutKey = certificates.Pfx(publicOnly, "public-only.pfx");
        Assert.Equal($"{PathKey}: {pfxWithoutKey} {expected}", SiloFailure(Postgres(TestCertificates.Settings(pfxWithoutKey))));
    }

    [Fact]
    public void Expired_and_not_yet_valid_certificates_are_named()
    {
        using var expired = TestCertificates.Create(notBefore: DateTimeOffset.UtcNow.AddYears(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var pfx = certificates.Pfx(expired, "expired.pfx");
        var failure = SiloFailure(Postgres(TestCertificates.Settings(pfx)));
        Assert.StartsWith($"{PathKey}: the certificate in {pfx} expired on ", failure);
        using var future = TestCertificates.Create(notBefore: DateTimeOffset.UtcNow.AddDays(2), notAfter: DateTimeOffset.UtcNow.AddYears(1));
        var later = certificates.Pfx(future, "future.pfx");
        Assert.StartsWith($"{PathKey}: the certificate in {later} is not valid before ", SiloFailure(Postgres(TestCertificates.Settings(later))));
    }

    [Fact]
    public void A_certificate_limited_to_one_end_of_a_connection_is_named()
    {
        using var serverOnly = TestCertificates.Create(extendedKeyUsages: "1.3.6.1.5.5.7.3.1");
        var pfx = certificates.Pfx(serverOnly, "server-only.pfx");
        Assert.Contains("without both serverAuth and clientAuth", SiloFailure(Postgres(TestCertificates.Settings(pfx))));
        using var both = TestCertificates.Create(extendedKeyUsages: ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
        using var silo = BuildSilo(Postgres(TestCertificates.Settings(certificates.Pfx(both, "both.pfx"))));
        Assert.True(silo.Services.GetRequiredService<ClusterTransportSecurity>().IsMutualTls);
    }

    [Fact]
    public void Pem_certificate_and_key_files_are_accepted()
    {
        using var ec = TestCertificates.Create();
        using var rsa = TestCertificates.CreateRsa();
        var cases = new[]
        {
            // Certificate and key in separate files, as the openssl command in the messages writes them.
            (new Dictionary<string, string?> { [PathKey] = certificates.PemCertificate(ec, "ec.crt"), ["Cluster:Tls:KeyPath"] = certificates.PemKey(ec, "ec.key") }, ec),
            (new Dictionary<string, string?> { [PathKey] = certificates.PemCertificate(rsa, "rsa.crt"), ["Cluster:Tls:KeyPath"] = certificates.PemKey(rsa, "rsa.key") }, rsa),
            // An encrypted key.
            (new Dictionary<string, string?>
            {
                [PathKey] = certificates.PemCertificate(ec, "ec2.crt"),
                ["Cluster:Tls:KeyPath"] = certificates.PemKey(ec, "ec2.key", TestCertificates.Password),
                ["Cluster:Tls:CertificatePassword"] = TestCertificates.Password,
            }, ec),
            // Both in one file.
            (new Dictionary<string, string?> { [PathKey] = certificates.Write("both.pem", ec.ExportCertificatePem() + "\n" + File.ReadAllText(certificates.PemKey(ec, "ec3.key"))) }, ec),
        };
        foreach (var (settings, certificate) in cases)
        {
            using var silo = BuildSilo(Postgres(settings));
            Assert.Equal(certificate.GetCertHashString(HashAlgorithmName.SHA256), silo.Services.GetRequiredService<ClusterTransportSecurity>().Thumbprint);
            Assert.True(silo.Services.GetRequiredService<ClusterTransportSecurity>().Certificate!.HasPrivateKey);
        }
    }

    [Fact]
    public void Pem_key_problems_are_named()
    {
        using var certificate = TestCertificates.Create();
        using var other = TestCertificates.Create("CN=other");
        var crt = certificates.PemCertificate(certificate);
        var encrypted = certificates.PemKey(certificate, "encrypted.key", TestCertificates.Password);
        Assert.Equal($"Cluster:Tls:KeyPath: the private key in {encrypted} is encrypted: set Cluster:Tls:CertificatePassword.",
            SiloFailure(Postgres(new() { [PathKey] = crt, ["Cluster:Tls:KeyPath"] = encrypted })));
        Assert.Equal($"Cluster:Tls:KeyPath: the encrypted private key in {encrypted} cannot be decrypted with the configured Cluster:Tls:CertificatePassword: the password is wrong.",
            SiloFailure(Postgres(new() { [PathKey] = crt, ["Cluster:Tls:KeyPath"] = encrypted, ["Cluster:Tls:CertificatePassword"] = "wrong-one" })));
        var otherKey = certificates.PemKey(other, "other.key");
        Assert.Equal($"Cluster:Tls:KeyPath: the private key in {otherKey} does not belong to the certificate in {crt}.",
            SiloFailure(Postgres(new() { [PathKey] = crt, ["Cluster:Tls:KeyPath"] = otherKey })));
        var missingKey = Path.Combine(certificates.Folder, "missing.key");
        Assert.Equal($"Cluster:Tls:KeyPath: the file {missingKey} does not exist.",
            SiloFailure(Postgres(new() { [PathKey] = crt, ["Cluster:Tls:KeyPath"] = missingKey })));
    }

    [Fact]
    public void The_options_never_show_the_password()
    {
        var options = new ClusterTlsOptions { CertificatePath = "/etc/cluster.pfx", CertificatePassword = TestCertificates.Password };
        Assert.DoesNotContain(TestCertificates.Password, options.ToString());
        Assert.Contains("CertificatePassword=(set)", options.ToString());
    }
}

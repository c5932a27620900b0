using System.Net;
using System.Net.Sockets;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Startup;

/// <summary>A silo with a bad configuration does not start: it exits with code 2 and a message naming the setting. A
/// port another process holds is not a configuration error but a failed start: exit code 1, one line naming the port.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Cluster__Storage__Provider", "Postgres", "Cluster:Storage:ConnectionString")]
    [InlineData("Cluster__SiloPort", "70000", "Cluster:SiloPort")]
    [InlineData("Cluster__AdvertisedAddress", "silo.example", "Cluster:AdvertisedAddress")]
    [InlineData("Cluster__ClusterId", " ", "Cluster:ClusterId")]
    [InlineData("Telegram__ApiId", "12345", "Telegram:ApiHash")]
    [InlineData("Silo__ReadinessTimeout", "-00:00:01", "Silo:ReadinessTimeout")]
    [InlineData("Cluster__Accounts__FloodWaitMultiplier", "0.5", "Cluster:Accounts:FloodWaitMultiplier")]
    [InlineData("Cluster__Admin__AuditLogCapacity", "0", "Cluster:Admin:AuditLogCapacity")]
    [InlineData("Cluster__Guard__CacheTtlJitter", "1.5", "Cluster:Guard:CacheTtlJitter")]
    [InlineData("Dashboard__RefreshInterval", "00:00:00.010", "Dashboard:RefreshInterval")]
    // Values that do not convert to the setting's type, bound before the host is built, while it is built, and at its start.
    [InlineData("Silo__ShutdownTimeout", "soon", "Silo:ShutdownTimeout")]
    [InlineData("Cluster__Storage__Provider", "Oracle", "Cluster:Storage:Provider")]
    [InlineData("Cluster__Membership__ProbeTimeout", "soon", "Cluster:Membership:ProbeTimeout")]
    [InlineData("Dashboard__Authentication", "Sometimes", "Dashboard:Authentication")]
    public async Task Bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string namedSetting)
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { [key] = value });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, exitCode);
        var problems = silo.JsonLines.Where(l => l.GetProperty("LogLevel").GetString() == "Critical")
            .Select(l => l.GetProperty("Message").GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains(namedSetting, StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", silo.Output);
    }

    [Fact]
    public async Task The_old_cluster_secret_is_accepted_and_ignored()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["Cluster__Secret"] = "a-secret-from-the-runtime-days" });

        await silo.WaitForStatusAsync("health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        Assert.DoesNotContain("a-secret-from-the-runtime-days", silo.Output);
    }

    [Theory]
    [InlineData("Silo__HttpPort", "Silo:HttpPort")]
    [InlineData("Cluster__SiloPort", "Cluster:SiloPort")]
    [InlineData("Cluster__GatewayPort", "Cluster:GatewayPort")]
    public async Task A_port_in_use_stops_the_start_with_exit_code_1_and_one_line_naming_it(string key, string setting)
    {
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { [key] = port.ToString() });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, exitCode);
        var critical = Assert.Single(silo.JsonLines, l => l.GetProperty("LogLevel").GetString() == "Critical");
        var message = critical.GetProperty("Message").GetString()!;
        Assert.Contains($"port {port} ({setting}) is already in use", message);
        Assert.False(critical.TryGetProperty("Exception", out _), "no stack trace: " + critical.GetRawText());
        Assert.DoesNotContain("Unhandled exception", silo.Output);
        Assert.DoesNotContain("   at ", silo.Output);
    }
}

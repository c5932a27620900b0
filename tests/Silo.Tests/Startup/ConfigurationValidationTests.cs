using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.Silo.Tests.Startup;

/// <summary>A silo with a bad configuration does not start: it exits with code 2 and a message naming the setting.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Cluster__Storage__Provider", "Postgres", "Cluster:Storage:ConnectionString")]
    [InlineData("Cluster__Membership__DeathTimeout", "00:00:00.500", "Cluster:Membership:DeathTimeout")]
    [InlineData("Cluster__Placement__account", "nearest-moon", "Cluster:Placement:account")]
    [InlineData("Telegram__ApiId", "12345", "Telegram:ApiHash")]
    [InlineData("Silo__ShutdownTimeout", "00:00:05", "Cluster:DrainTimeout")]
    [InlineData("Cluster__Accounts__FloodWaitMultiplier", "0.5", "Cluster:Accounts:FloodWaitMultiplier")]
    [InlineData("Cluster__Admin__AuditLogCapacity", "0", "Cluster:Admin:AuditLogCapacity")]
    [InlineData("Cluster__Guard__CacheTtlJitter", "1.5", "Cluster:Guard:CacheTtlJitter")]
    // Values that do not convert to the setting's type, bound before the host is built, while it is built, and at its start.
    [InlineData("Silo__ShutdownTimeout", "soon", "Silo:ShutdownTimeout")]
    [InlineData("Cluster__Storage__Provider", "Oracle", "Cluster:Storage:Provider")]
    [InlineData("Cluster__Membership__DeathTimeout", "soon", "Cluster:Membership:DeathTimeout")]
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
}

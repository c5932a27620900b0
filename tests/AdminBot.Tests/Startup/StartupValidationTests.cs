using Cluster.AdminBot.Tests.Infrastructure;

namespace Cluster.AdminBot.Tests.Startup;

/// <summary>Invalid settings stop the admin bot at start with a message naming the setting and exit code 2.</summary>
public sealed class StartupValidationTests
{
    private static readonly Dictionary<string, string> Cluster = new()
    {
        ["Cluster__Secret"] = "startup-test-secret",
        ["Cluster__Storage__ConnectionString"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "adminbot-startup-" + Guid.NewGuid().ToString("N") + ".db"),
    };

    [Fact]
    public async Task The_bot_without_a_token_exits_2_naming_Telegram_Bot_Token()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(Cluster) { ["AdminBot__Admins__0"] = "42" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Telegram:Bot:Token is required to run the bot", result.Errors);
    }

    [Fact]
    public async Task The_bot_without_admins_exits_2_naming_AdminBot_Admins()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(Cluster) { ["Telegram__Bot__Token"] = "123:abc" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AdminBot:Admins is empty", result.Errors);
    }

    [Fact]
    public async Task The_command_line_without_a_cluster_secret_exits_2_naming_Cluster_Secret()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string> { ["Cluster__Storage__ConnectionString"] = Cluster["Cluster__Storage__ConnectionString"] }, "workers");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cluster:Secret is required", result.Errors);
    }

    [Theory]
    [InlineData("AdminBot__PageSize", "ten", "AdminBot:PageSize")]
    [InlineData("Cluster__Storage__Provider", "Oracle", "Cluster:Storage:Provider")]
    public async Task A_value_that_does_not_convert_to_its_type_exits_2_naming_the_setting(string key, string value, string named)
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(Cluster) { [key] = value }, "workers");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid configuration: ", result.Errors);
        Assert.Contains(named, result.Errors);
        Assert.DoesNotContain("Unhandled exception", result.Errors);
    }
}

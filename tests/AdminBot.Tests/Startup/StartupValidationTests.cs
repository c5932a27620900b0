using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Silo.Tests.Infrastructure;

namespace Cluster.AdminBot.Tests.Startup;

/// <summary>Invalid settings stop the admin bot at start with a message naming the setting and exit code 2; --help needs
/// no settings; a cluster that does not answer is one line naming the gateway tried.</summary>
public sealed class StartupValidationTests
{
    /// <summary>A cluster nobody runs: a local gateway port that nothing listens on.</summary>
    private static Dictionary<string, string> NoCluster() => new()
    {
        ["Cluster__ClusterId"] = "startup-test",
        ["Cluster__GatewayPort"] = SiloProcess.FreePort().ToString(),
    };

    [Fact]
    public async Task The_bot_without_a_token_exits_2_naming_Telegram_Bot_Token()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(NoCluster()) { ["AdminBot__Admins__0"] = "42" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Telegram:Bot:Token is required to run the bot", result.Errors);
    }

    [Fact]
    public async Task The_bot_without_admins_exits_2_naming_AdminBot_Admins()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(NoCluster()) { ["Telegram__Bot__Token"] = "123:abc" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AdminBot:Admins is empty", result.Errors);
    }

    [Theory]
    [InlineData("AdminBot__PageSize", "ten", "AdminBot:PageSize")]
    [InlineData("AdminBot__MaxAudienceFileMegabytes", "50", "AdminBot:MaxAudienceFileMegabytes must be between 1 and 20")]
    [InlineData("Cluster__Storage__Provider", "Oracle", "Cluster:Storage:Provider")]
    [InlineData("Cluster__GatewayPort", "0", "Cluster:GatewayPort")]
    [InlineData("Cluster__Gateways__0", "not-an-endpoint", "Cluster:Gateways")]
    [InlineData("Cluster__ClusterId", " ", "Cluster:ClusterId")]
    public async Task An_invalid_value_exits_2_naming_the_setting_without_a_stack_trace(string key, string value, string named)
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>(NoCluster()) { [key] = value }, "workers");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("Invalid configuration: ", result.Errors);
        Assert.Contains(named, result.Errors);
        Assert.DoesNotContain("Unhandled exception", result.Errors);
        Assert.DoesNotContain("   at ", result.Errors);
    }

    [Fact]
    public async Task A_postgres_cluster_without_a_connection_string_exits_2_naming_it()
    {
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>
        {
            ["Cluster__Storage__Provider"] = "Postgres",
            ["Cluster__Storage__ConnectionString"] = "",
        }, "silos");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Cluster:Storage:ConnectionString is required", result.Errors);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task Help_lists_the_commands_without_settings_and_without_a_cluster(string help)
    {
        // Settings that would stop any other command: --help reads none of them and connects nowhere.
        var result = await AdminBotProcess.RunCliAsync(new Dictionary<string, string>
        {
            ["AdminBot__PageSize"] = "ten",
            ["Cluster__GatewayPort"] = "0",
            ["Cluster__Storage__Provider"] = "Oracle",
        }, help);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Admin commands:", result.Output);
        foreach (var command in new[] { "/workers", "/worker_stats <id>", "/silos", "/rebalance", "/add_worker", "/add_pair", "/help", "/cancel" })
            Assert.Contains(command, result.Output);
        Assert.Equal("", result.Errors);
    }

    [Fact]
    public async Task With_no_silo_running_the_command_line_says_in_one_line_which_gateway_it_tried_and_exits_1()
    {
        // Cluster:Secret, a setting of the runtime before Orleans, is accepted and ignored.
        var settings = new Dictionary<string, string>(NoCluster()) { ["Cluster__Secret"] = "left over from the runtime" };
        var result = await AdminBotProcess.RunCliAsync(settings, "workers");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("No silo answered", line);
        Assert.Contains("'startup-test'", line);
        Assert.Contains($"127.0.0.1:{settings["Cluster__GatewayPort"]}", line);
    }
}

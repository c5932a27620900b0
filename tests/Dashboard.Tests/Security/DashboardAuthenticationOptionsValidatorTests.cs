using Cluster.Silo.Configuration;
using Cluster.Silo.Security;

namespace Cluster.Dashboard.Tests.Security;

public sealed class DashboardAuthenticationOptionsValidatorTests
{
    private static readonly TelegramSetup Real = new(TelegramMode.Real, 12345, null);
    private static readonly TelegramSetup Simulated = new(TelegramMode.EmbeddedSimulator, 0, new Uri("http://127.0.0.1:1/"));

    [Fact]
    public void Real_Telegram_without_credentials_is_refused_naming_the_settings_and_the_way_out()
    {
        var result = new DashboardAuthenticationOptionsValidator(Real).Validate(null, new DashboardAuthenticationOptions());

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("Dashboard:Username", message);
        Assert.Contains("Dashboard:Password", message);
        Assert.Contains("Dashboard:Authentication to None", message);
    }

    [Fact]
    public void Real_Telegram_with_credentials_or_with_authentication_None_is_accepted()
    {
        Assert.True(new DashboardAuthenticationOptionsValidator(Real).Validate(null, new() { Username = "u", Password = "p" }).Succeeded);
        Assert.True(new DashboardAuthenticationOptionsValidator(Real).Validate(null, new() { Authentication = DashboardAuthentication.None }).Succeeded);
    }

    [Fact]
    public void Simulated_Telegram_without_credentials_runs_without_authentication()
    {
        var options = new DashboardAuthenticationOptions();

        Assert.True(new DashboardAuthenticationOptionsValidator(Simulated).Validate(null, options).Succeeded);
        Assert.Equal(DashboardAuthentication.None, options.Effective(simulated: true));
        Assert.Equal(DashboardAuthentication.Basic, new DashboardAuthenticationOptions { Username = "u", Password = "p" }.Effective(simulated: true));
    }

    [Theory]
    [InlineData("u", null, "must be set together")]
    [InlineData(null, "p", "must be set together")]
    [InlineData("u:v", "p", "must not contain ':'")]
    public void Half_or_malformed_credentials_are_refused(string? username, string? password, string expected)
    {
        var result = new DashboardAuthenticationOptionsValidator(Simulated).Validate(null, new() { Username = username, Password = password });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Basic_asked_for_explicitly_without_credentials_is_refused_even_with_the_simulator()
        => Assert.True(new DashboardAuthenticationOptionsValidator(Simulated).Validate(null, new() { Authentication = DashboardAuthentication.Basic }).Failed);
}

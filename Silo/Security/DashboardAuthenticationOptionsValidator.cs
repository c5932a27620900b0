using Cluster.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Security;

/// <summary>Stops the silo at start (exit code 2) when the dashboard would be unprotected by accident: real Telegram
/// without <c>Dashboard:Username</c>/<c>Dashboard:Password</c> unless <c>Dashboard:Authentication</c> is None.</summary>
internal sealed class DashboardAuthenticationOptionsValidator(TelegramSetup telegram) : IValidateOptions<DashboardAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardAuthenticationOptions options)
    {
        const string section = DashboardAuthenticationOptions.SectionName;
        var errors = new List<string>();
        var hasUser = !string.IsNullOrWhiteSpace(options.Username);
        var hasPassword = !string.IsNullOrWhiteSpace(options.Password);
        if (hasUser != hasPassword)
            errors.Add($"{section}:Username and {section}:Password must be set together (only {(hasUser ? "Username" : "Password")} is set).");
        if (hasUser && options.Username!.Contains(':'))
            errors.Add($"{section}:Username must not contain ':' (basic authentication separates user name and password with it).");
        if (options.Effective(telegram.IsSimulated) == DashboardAuthentication.Basic && !(hasUser && hasPassword) && hasUser == hasPassword)
        {
            errors.Add(telegram.IsSimulated
                ? $"{section}:Authentication is Basic but {section}:Username and {section}:Password are not set."
                : $"{section}:Username and {section}:Password are required with real Telegram: the dashboard and /metrics are protected by basic " +
                  $"authentication. Set them (e.g. Dashboard__Username, Dashboard__Password), or set {section}:Authentication to None to serve " +
                  "them without authentication (only behind an authenticating proxy).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

namespace Cluster.Silo.Security;

/// <summary>Credentials of the dashboard and /metrics (section <c>Dashboard</c>). Off in the embedded default (simulated
/// Telegram, no credentials); with real Telegram it is on and the silo refuses to start without credentials.</summary>
public sealed class DashboardAuthenticationOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Basic or None. Default: Basic when <see cref="Username"/>/<see cref="Password"/> are set or Telegram is
    /// real; None with simulated Telegram and no credentials.</summary>
    public DashboardAuthentication? Authentication { get; set; }

    /// <summary>The user name basic authentication asks for (no ':'). Default: none.</summary>
    public string? Username { get; set; }

    /// <summary>The password basic authentication asks for (a secret: never logged or shown). Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>Whether credentials are configured (both non-blank).</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);

    /// <summary>The mode in force for a silo on simulated (<paramref name="simulated"/>) or real Telegram.</summary>
    public DashboardAuthentication Effective(bool simulated)
        => Authentication ?? (HasCredentials || !simulated ? DashboardAuthentication.Basic : DashboardAuthentication.None);
}

namespace Cluster.Silo.Security;

/// <summary>How the dashboards (<c>/</c>, <c>/dashboard/*</c>, <c>/orleans/*</c>) and <c>/metrics</c> are protected
/// (<c>Dashboard:Authentication</c>). Health probes, webhooks and the simulator are never behind it.</summary>
public enum DashboardAuthentication
{
    /// <summary>HTTP basic authentication with <c>Dashboard:Username</c> and <c>Dashboard:Password</c>.</summary>
    Basic,

    /// <summary>No authentication: only behind an authenticating proxy or on a trusted network.</summary>
    None,
}

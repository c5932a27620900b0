namespace Cluster.Silo.Dashboard;

/// <summary>Settings of the Telegram dashboard served at <c>/</c> (section <c>Dashboard</c>; its credentials are in
/// <see cref="Security.DashboardAuthenticationOptions"/>, bound from the same section).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How often the page asks for fresh data. Default 1.5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>How many recent warnings and errors the silo keeps for the log tail. Default 200.</summary>
    public int LogCapacity { get; set; } = 200;

    /// <summary>How long the silo reuses one answer about the Telegram fleet (grain status calls) for all viewers. Default 2 s.</summary>
    public TimeSpan TelegramCacheTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many accounts and how many pairs are asked for their status (and located) per refresh; the others are
    /// shown from the registry's summaries alone. Default 200.</summary>
    public int MaxDetailedGrains { get; set; } = 200;

    /// <summary>Whether Orleans' dashboard (silos, grains, calls, reminders) is served at <c>/orleans/</c>, behind the same
    /// authentication as this page. Its grain call profiler runs on every grain call while it is on. Default true.</summary>
    public bool OrleansDashboard { get; set; } = true;
}

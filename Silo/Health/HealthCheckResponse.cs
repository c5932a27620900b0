namespace Cluster.Silo.Health;

/// <summary>One check's verdict in a <see cref="HealthReportResponse"/>.</summary>
public sealed record HealthCheckResponse(string Name, string Status, string? Description);

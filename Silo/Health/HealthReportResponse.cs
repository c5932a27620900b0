namespace Cluster.Silo.Health;

/// <summary>The JSON body of /health/live and /health/ready: the overall status and each check's verdict.</summary>
public sealed record HealthReportResponse(string Status, IReadOnlyList<HealthCheckResponse> Checks);

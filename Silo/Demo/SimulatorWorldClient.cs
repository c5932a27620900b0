using System.Net.Http.Json;
using Cluster.TelegramSim.Control;

namespace Cluster.Silo.Demo;

/// <summary>Reads the simulator's world through its control API (<c>GET {base}sim/world</c>), the same way for the
/// embedded simulator and a shared one, so the demo is planned from what the simulator really holds.</summary>
public sealed class SimulatorWorldClient(HttpClient http)
{
    public async Task<WorldSummary> GetWorldAsync(Uri simulatorBaseUrl, CancellationToken cancellationToken)
    {
        var world = await http.GetFromJsonAsync(new Uri(simulatorBaseUrl, "sim/world"), SimControlJsonContext.Default.WorldSummary, cancellationToken);
        return world ?? throw new InvalidOperationException($"The simulator at {simulatorBaseUrl} answered an empty world.");
    }
}

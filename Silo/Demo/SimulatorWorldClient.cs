using System.Net.Http.Json;
using Cluster.TelegramSim.Control;
using Cluster.TelegramSim.Traffic;
using Cluster.TelegramSim.World;

namespace Cluster.Silo.Demo;

/// <summary>Reads the simulator's world through its control API (<c>GET {base}sim/world</c>), the same way for the
/// embedded simulator and a shared one, so the demo is planned from what the simulator really holds; and acts in it
/// where the demo needs a user to (the group owner's /protect, the guard's traffic).</summary>
public sealed class SimulatorWorldClient(HttpClient http)
{
    private static SimControlJsonContext Json => SimControlJsonContext.Default;

    public async Task<WorldSummary> GetWorldAsync(Uri simulatorBaseUrl, CancellationToken cancellationToken)
    {
        var world = await http.GetFromJsonAsync(new Uri(simulatorBaseUrl, "sim/world"), Json.WorldSummary, cancellationToken);
        return world ?? throw new InvalidOperationException($"The simulator at {simulatorBaseUrl} answered an empty world.");
    }

    public async Task<IReadOnlyList<SimMember>> GetMembersAsync(Uri simulatorBaseUrl, long chatId, CancellationToken cancellationToken)
        => await http.GetFromJsonAsync(new Uri(simulatorBaseUrl, $"sim/chats/{chatId}/members"), Json.IReadOnlyListSimMember, cancellationToken) ?? [];

    /// <summary>Sends a text message as a user of the simulated world (POST sim/chats/{chatId}/messages).</summary>
    public async Task SendAsUserAsync(Uri simulatorBaseUrl, long chatId, long userId, string text, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(simulatorBaseUrl, $"sim/chats/{chatId}/messages"), new PostRequest(text, userId), Json.PostRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<SimTrafficInfo>> GetTrafficAsync(Uri simulatorBaseUrl, CancellationToken cancellationToken)
        => await http.GetFromJsonAsync(new Uri(simulatorBaseUrl, "sim/traffic"), Json.IReadOnlyListSimTrafficInfo, cancellationToken) ?? [];

    public async Task StartGuardTrafficAsync(Uri simulatorBaseUrl, GuardTrafficOptions options, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(simulatorBaseUrl, "sim/traffic/guard"), options, Json.GuardTrafficOptions, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}

using Cluster.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Silo.Dashboard.History;

/// <summary>Samples the cluster's call statistics into <see cref="CallHistory"/> every <see cref="DashboardOptions.SampleInterval"/>,
/// so the charts of any silo reach back <see cref="DashboardOptions.HistoryLength"/> from the moment it started.</summary>
internal sealed partial class CallHistorySampler(IClusterManagement management, CallHistory history, IOptions<DashboardOptions> options,
    ILogger<CallHistorySampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        do
        {
            try
            {
                var silos = await management.GetSilosAsync(stoppingToken);
                var stats = await management.GetCallStatsAsync(stoppingToken);
                var activations = silos.Where(s => s.Status is SiloStatus.Active or SiloStatus.ShuttingDown).Sum(s => s.Load.Activations);
                history.Add(DateTimeOffset.UtcNow, stats, activations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable: the chart gets a gap, the next sample goes on.
                SampleFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Dashboard history sample failed: {ErrorType}: {Error}")]
    private static partial void SampleFailed(ILogger logger, string errorType, string error);
}

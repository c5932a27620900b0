using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Activation;

/// <summary>Source-generated log messages of activations and the catalog.</summary>
internal sealed partial class CatalogLog(ILogger logger)
{
    [LoggerMessage(1001, LogLevel.Debug, "Activated {GrainId} at epoch {Epoch}")]
    public partial void Activated(string grainId, long epoch);

    [LoggerMessage(1002, LogLevel.Warning, "Activation of {GrainId} failed")]
    public partial void ActivationFailed(Exception exception, string grainId);

    [LoggerMessage(1003, LogLevel.Debug, "Deactivated {GrainId} ({Reason})")]
    public partial void Deactivated(string grainId, DeactivationReason reason);

    [LoggerMessage(1004, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed ({Reason})")]
    public partial void DeactivationCallbackFailed(Exception exception, string grainId, DeactivationReason reason);

    [LoggerMessage(1005, LogLevel.Warning, "Releasing the directory row of {GrainId} failed")]
    public partial void ReleaseFailed(Exception exception, string grainId);

    [LoggerMessage(1006, LogLevel.Error, "Silo {SiloId} fenced itself: stopping {Count} activations without writing state")]
    public partial void Fencing(string siloId, int count);

    [LoggerMessage(1007, LogLevel.Warning, "Timer callback of {GrainId} failed")]
    public partial void TimerFailed(Exception exception, string grainId);

    [LoggerMessage(1008, LogLevel.Information, "Silo {SiloId} draining {Count} activations for shutdown")]
    public partial void Draining(string siloId, int count);

    [LoggerMessage(1009, LogLevel.Warning, "Silo {SiloId} did not finish draining within {TimeoutMs} ms; {Count} activations left")]
    public partial void DrainTimedOut(string siloId, double timeoutMs, int count);
}

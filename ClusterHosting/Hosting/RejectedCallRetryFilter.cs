using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Hosting;

/// <summary>A cluster client's calls that Orleans turned away before any grain ran them are sent again, a few times, as this
/// product's clients always did: a silo that stops gracefully rejects calls that other silos still route to it from a cached
/// address ("Silo stopping") or cannot place any more ("Silo ... is shutting down"); the rejection corrects the route, and
/// the call sent again reaches the grain's new activation. Orleans itself never resends. A call that may have run (its silo
/// died while it waited, a timeout, an exception from the grain) is never repeated.</summary>
public sealed partial class RejectedCallRetryFilter(ILogger<RejectedCallRetryFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>Attempts per call, the first included.</summary>
    public const int MaxAttempts = 5;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception e)
            {
                failure = e;
                if (attempt >= MaxAttempts || !NeverRan(e)) throw;
            }
            if (failure is null || attempt >= MaxAttempts || !NeverRan(failure)) return;
            LogResend(context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
        }
    }

    /// <summary>Whether Orleans rejected the call before it reached a grain: a rejection, but not the silo-unavailable
    /// failure Orleans reports when the silo died while the call waited there (which may have run). The one
    /// silo-unavailable rejection that certainly did not run is a stopping silo's placement refusing the call.</summary>
    public static bool NeverRan(Exception e) => e switch
    {
        SiloUnavailableException s => s.Message.EndsWith(" is shutting down.", StringComparison.Ordinal),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Interface}.{Method} was rejected before it ran (attempt {Attempt}: {Reason}); sending it again")]
    private partial void LogResend(string @interface, string method, int attempt, string reason);
}

using System.Reflection;
using Orleans.Concurrency;
using Microsoft.Extensions.Logging;

namespace Cluster.Hosting.Hosting;

/// <summary>A cluster client's calls that Orleans turned away before any grain ran them are sent again, a few times, as this
/// product's clients always did: a silo that stops gracefully rejects calls that other silos still route to it from a cached
/// address ("Silo stopping") or cannot place any more ("Silo ... is shutting down"); the rejection corrects the route, and
/// the call sent again reaches the grain's new activation. Orleans itself never resends. A call that may have run (its silo
/// died while it waited, a timeout, an exception from the grain) is never repeated, except a read: a method marked
/// <see cref="ReadOnlyAttribute"/> changes nothing, so one that timed out is sent again too. (A call that reaches a silo in
/// the last moments of its graceful stop can be dropped there without an answer; the status reads carry a short
/// <see cref="ResponseTimeoutAttribute"/> so such a loss costs seconds, not the client's whole response timeout.)</summary>
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
                if (attempt >= MaxAttempts || !MaySendAgain(e, context.InterfaceMethod)) throw;
            }
            if (failure is null || attempt >= MaxAttempts || !MaySendAgain(failure, context.InterfaceMethod)) return;
            LogResend(context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
        }
    }

    /// <summary>Whether a failed call may be sent again: it never ran (<see cref="NeverRan"/>), or it is a read
    /// (<see cref="ReadOnlyAttribute"/>) that timed out.</summary>
    public static bool MaySendAgain(Exception e, MethodInfo? method)
        => NeverRan(e) || (e is TimeoutException && method?.IsDefined(typeof(ReadOnlyAttribute), inherit: true) == true);

    /// <summary>Whether Orleans rejected the call before it reached a grain: a rejection, but not the silo-unavailable
    /// failure Orleans reports when the silo died while the call waited there (which may have run). The one
    /// silo-unavailable rejection that certainly did not run is a stopping silo's placement refusing the call.</summary>
    public static bool NeverRan(Exception e) => e switch
    {
        SiloUnavailableException s => s.Message.EndsWith(" is shutting down.", StringComparison.Ordinal),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Interface}.{Method} was rejected before it ran or is a read that timed out (attempt {Attempt}: {Reason}); sending it again")]
    private partial void LogResend(string @interface, string method, int attempt, string reason);
}

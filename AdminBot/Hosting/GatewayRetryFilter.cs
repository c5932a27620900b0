using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Hosting;

/// <summary>Whether the client tries again to reach a gateway at start: every 2 s, up to <see cref="Attempts.Most"/>
/// attempts (the command line: a few, then it says which gateway it tried), or until it succeeds (the bot, which may start
/// before the silos).</summary>
public sealed partial class GatewayRetryFilter(GatewayRetryFilter.Attempts attempts, ClusterTarget target, ILogger<GatewayRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <summary>How many connection attempts in all; null for no limit.</summary>
    public sealed record Attempts(int? Most);

    private int _failed;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var failed = Interlocked.Increment(ref _failed);
        if (attempts.Most is { } most && failed >= most) return false;
        Log.NoGateway(logger, target.ToString(), failed, exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(6301, LogLevel.Warning, "No silo answered at {Target} (attempt {Attempt}): {Error}; trying again in 2 s")]
        public static partial void NoGateway(ILogger logger, string target, int attempt, string error);
    }
}

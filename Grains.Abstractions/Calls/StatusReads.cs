namespace Cluster.Grains.Abstractions.Calls;

/// <summary>The status reads operators and clients poll (account and pair status): marked <c>[ReadOnly]</c> and answered
/// from memory, so a read lost in a silo's last moments of a graceful stop is given up after <see cref="Timeout"/>, not the
/// client's whole response timeout, and sent again by the cluster client's call filter.</summary>
public static class StatusReads
{
    /// <summary>How long a status read waits for its answer (a <c>TimeSpan</c> string, as Orleans'
    /// <see cref="ResponseTimeoutAttribute"/> takes it).</summary>
    public const string Timeout = "00:00:05";
}

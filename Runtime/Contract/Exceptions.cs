namespace Cluster.Runtime;

/// <summary>A state write or directory update came from an activation whose epoch is no longer the
/// grain's current one: another silo took the grain over. The write is refused.</summary>
public sealed class StaleEpochException(string message) : Exception(message);

/// <summary>A state write whose ETag no longer matches the stored one.</summary>
public sealed class InconsistentStateException(string message) : Exception(message);

/// <summary>A grain call failed in the runtime (unknown grain type or method, no silo available, ...),
/// or the grain threw an exception whose type cannot be recreated at the caller.</summary>
public class GrainCallException(string message, string? remoteExceptionType = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The full type name of the exception thrown on the remote side, when there was one.</summary>
    public string? RemoteExceptionType { get; } = remoteExceptionType;
}

/// <summary>A grain call did not complete within the call timeout.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);

/// <summary>No silo could take the call (none live, or all gateways unreachable after retries).</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : GrainCallException(message, null, inner);

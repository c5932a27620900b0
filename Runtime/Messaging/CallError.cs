namespace Cluster.Runtime.Messaging;

/// <summary>The body of every answer other than 200 on the silo endpoint: what went wrong, the exception type to
/// recreate at the caller, and for "not here" answers the grain's owner when the silo knows it.</summary>
public sealed record CallError(string Code, string Message, string? ExceptionType = null, string? OwnerSiloId = null, string? OwnerAddress = null);

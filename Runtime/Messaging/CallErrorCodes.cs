namespace Cluster.Runtime.Messaging;

/// <summary>Values of <see cref="CallError.Code"/>, with the HTTP status each travels with.</summary>
public static class CallErrorCodes
{
    /// <summary>421: the grain is not active on this silo; re-resolve and retry.</summary>
    public const string NotHere = "not-here";
    /// <summary>421: this silo's capacity for the grain's resource is used up; place again.</summary>
    public const string Full = "full";
    /// <summary>503: the silo is shutting down or fenced and takes no calls or activations; the call did not run.</summary>
    public const string NotAccepting = "not-accepting";
    /// <summary>400: unknown grain type, interface or method, or arguments that do not fit.</summary>
    public const string BadCall = "bad-call";
    /// <summary>500: the grain (or the runtime for it) threw; <see cref="CallError.ExceptionType"/> names the exception.</summary>
    public const string GrainError = "grain-error";
    /// <summary>504: the call did not complete within the call timeout.</summary>
    public const string Timeout = "timeout";
    /// <summary>401: the request did not carry the cluster secret.</summary>
    public const string Unauthorized = "unauthorized";
}

namespace Cluster.Runtime.Messaging;

/// <summary>HTTP header names and routes of the silo endpoint (all under <c>/cluster/v1</c>).</summary>
public static class ClusterHeaders
{
    /// <summary>The cluster secret; required on every request.</summary>
    public const string Secret = "cluster-secret";
    /// <summary>Grain type name (e.g. "account"); optional when <see cref="Interface"/> identifies the class.</summary>
    public const string GrainType = "grain-type";
    /// <summary>The grain key, percent-encoded (RFC 3986) so any string fits a header.</summary>
    public const string GrainKey = "grain-key";
    /// <summary>Full name of the grain interface; absent for an activation request.</summary>
    public const string Interface = "grain-interface";
    /// <summary>Method name (grain methods are never overloaded).</summary>
    public const string Method = "grain-method";
    /// <summary>"owner" when sent to the directory owner, "placed" when sent to a placement target; absent for a
    /// call from a client, which the receiving silo routes.</summary>
    public const string Route = "grain-route";

    public const string RouteOwner = "owner";
    public const string RoutePlaced = "placed";

    /// <summary>POST: run a grain call. Body: JSON array of arguments; answer 200 with the result's JSON.</summary>
    public const string CallPath = "/cluster/v1/call";
    /// <summary>GET: this silo's call statistics (JSON array of MethodCallStats).</summary>
    public const string StatsPath = "/cluster/v1/stats";
    /// <summary>GET: this silo's activations per grain type (JSON array of ActivationCount).</summary>
    public const string ActivationsPath = "/cluster/v1/activations";
    /// <summary>GET: answers 200 when the silo endpoint is up and the secret is right.</summary>
    public const string PingPath = "/cluster/v1/ping";
    /// <summary>GET: this silo's recent warnings and errors (JSON array of RecentLogEntry, oldest first; [] when the
    /// host keeps none). Query <c>after</c>: only entries with a higher sequence number.</summary>
    public const string LogsPath = "/cluster/v1/logs";
    /// <summary>POST: run this silo's rebalancer round now (answers 202; the round runs in the background).</summary>
    public const string RebalancePath = "/cluster/v1/rebalance";
}

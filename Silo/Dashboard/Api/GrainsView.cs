namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/grains</c>: activations per type and silo, and the call statistics per grain
/// type and per method (cluster-wide, since each silo started).</summary>
public sealed record GrainsView(IReadOnlyList<TypeActivationsView> Activations, IReadOnlyList<MethodView> Types, IReadOnlyList<MethodView> Methods);

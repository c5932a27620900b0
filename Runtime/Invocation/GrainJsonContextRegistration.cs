using System.Text.Json.Serialization;

namespace Cluster.Runtime.Invocation;

/// <summary>One application JsonSerializerContext registered with <c>AddGrainJsonContext</c>; all of them are
/// combined into the resolver of grain arguments, results and states.</summary>
public sealed record GrainJsonContextRegistration(JsonSerializerContext Context);

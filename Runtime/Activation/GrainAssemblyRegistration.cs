using System.Reflection;

namespace Cluster.Runtime.Activation;

/// <summary>An assembly whose grain classes a silo hosts, registered with <c>AddGrains</c>.</summary>
public sealed record GrainAssemblyRegistration(Assembly Assembly);

namespace Cluster.Runtime;

/// <summary>Marks a grain interface method that may run while another call of the same activation is
/// in progress (read-only status queries that must answer while a grain waits out a flood wait).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

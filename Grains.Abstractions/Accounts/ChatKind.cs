namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The kind of a resolved chat.</summary>
public enum ChatKind { Private, BasicGroup, Supergroup, Channel }

namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>The kind of a resolved chat.</summary>
[GenerateSerializer, Alias("Cluster.ChatKind")]
public enum ChatKind { Private, BasicGroup, Supergroup, Channel }

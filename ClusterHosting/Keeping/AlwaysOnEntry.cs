namespace Cluster.Hosting.Keeping;

/// <summary>A grain the keeper keeps active: its Orleans grain id (as <c>GrainId.ToString()</c>) and the grain id's
/// uniform hash, which places it on the consistent ring the keepers partition.</summary>
public sealed record AlwaysOnEntry(string GrainId, uint Hash);

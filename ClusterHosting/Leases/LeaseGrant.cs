namespace Cluster.Hosting.Leases;

/// <summary>The answer to a lease request. <see cref="Granted"/>: the caller holds the lease for <see cref="Remaining"/>
/// (by the database's clock, from the moment of the answer). Otherwise <see cref="Holder"/> holds it for
/// <see cref="Remaining"/> more.</summary>
public readonly record struct LeaseGrant(bool Granted, string? Holder, TimeSpan Remaining);

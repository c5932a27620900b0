namespace Cluster.Runtime.Activation;

/// <summary>A call was refused before it ran (see <see cref="RoutingRefusal"/>); the router re-resolves and
/// tries again, using <see cref="OwnerSiloId"/> when the refusing silo knew the grain's owner.</summary>
internal sealed class GrainRoutingException(RoutingRefusal refusal, string message, string? ownerSiloId = null, string? ownerAddress = null)
    : Exception(message)
{
    public RoutingRefusal Refusal { get; } = refusal;
    public string? OwnerSiloId { get; } = ownerSiloId;
    public string? OwnerAddress { get; } = ownerAddress;
}

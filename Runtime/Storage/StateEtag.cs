namespace Cluster.Runtime.Storage;

/// <summary>New ETags for grain states, and the messages of refused writes, shared by both providers so
/// the runtime sees the same errors on SQLite and PostgreSQL.</summary>
internal static class StateEtag
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Why a fenced write changed nothing, from the directory row and stored ETag read afterwards: a stale
    /// fence wins over an ETag mismatch; null when both hold now.</summary>
    public static Exception? Refusal(string grainId, string stateName, string? expectedEtag, FenceToken fence, string? ownerSiloId, long? ownerEpoch, string? storedEtag)
    {
        if (ownerSiloId != fence.SiloId || ownerEpoch != fence.Epoch)
        {
            return Stale(grainId, fence, ownerSiloId, ownerEpoch);
        }
        return storedEtag != expectedEtag ? Mismatch(grainId, stateName, expectedEtag, storedEtag) : null;
    }

    public static StaleEpochException Stale(string grainId, FenceToken fence, string? ownerSiloId, long? ownerEpoch) => new(
        $"State write for grain {grainId} refused: the writer's fence (silo {fence.SiloId}, epoch {fence.Epoch}) is stale; " +
        (ownerEpoch is null ? "the grain has no directory entry" : $"the directory now says silo {ownerSiloId ?? "(none)"}, epoch {ownerEpoch}"));

    public static InconsistentStateException Mismatch(string grainId, string stateName, string? expectedEtag, string? storedEtag) => new(
        $"State {stateName} of grain {grainId} changed underneath: expected ETag {expectedEtag ?? "(none: new state)"}, stored ETag {storedEtag ?? "(none)"}");
}

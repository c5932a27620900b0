using System.Text.Json.Serialization;

namespace Cluster.Grains.Forwarding;

/// <summary>A pair's durable progress through its source chat, stored in the pair's state with every change.
/// <see cref="LastSeenId"/> is the highest source id taken in (queued or filtered): deliveries and history at or
/// below it are duplicates, except ids inside an open <see cref="Gaps"/> entry. A brand-new pair starts at its first
/// message (no backfill; past mode is for that). A send is marked in flight before the account is called, so after a
/// crash the pair knows it is in doubt: it looks for the copy at the destination before it sends again (see
/// <c>ChannelPairGrain</c>); if the pair crashes again on that same send it is skipped, so a message that crashes the
/// pair cannot loop it.</summary>
public sealed record ForwardCheckpoint(long LastForwardedId, long LastSeenId, InFlightSend? InFlight, IReadOnlyList<IdGap> Gaps)
{
    /// <summary>Most gaps remembered; past that the oldest is given up (logged by the pair).</summary>
    public const int MaxGaps = 32;

    public static ForwardCheckpoint Initial { get; } = new(0, 0, null, []);

    /// <summary>Whether the pair has taken in any message yet.</summary>
    [JsonIgnore]
    public bool IsStarted => LastSeenId > 0;

    /// <summary>Whether a source id has not been taken in yet.</summary>
    public bool IsWanted(long id) => id > LastSeenId || Gaps.Any(g => g.Contains(id));

    /// <summary>Takes in a live delivery: returns the ids not seen before. A jump past <see cref="LastSeenId"/> + 1
    /// opens a gap to fill from history (deleted messages leave harmless gaps that fill with nothing).</summary>
    public (ForwardCheckpoint Next, IReadOnlyList<long> Accepted) AcceptLive(IReadOnlyList<long> ids)
    {
        var accepted = ids.Distinct().Where(IsWanted).Order().ToList();
        if (accepted.Count == 0) return (this, accepted);
        var gaps = Gaps.ToList();
        var fresh = accepted.Where(id => id > LastSeenId).ToList();
        if (IsStarted && fresh.Count > 0 && fresh[0] > LastSeenId + 1)
            gaps.Add(new IdGap(LastSeenId, fresh[0]));
        foreach (var id in accepted.Where(id => id <= LastSeenId))
            gaps = Split(gaps, id);
        var next = this with { LastSeenId = Math.Max(LastSeenId, accepted[^1]), Gaps = Trim(gaps) };
        return (next, accepted);
    }

    /// <summary>The history page to fetch next: the oldest gap first, else the tail after <see cref="LastSeenId"/>;
    /// null before the first message (nothing to catch up to).</summary>
    public HistoryPlan? PlanCatchUp(int pageSize)
    {
        if (Gaps.Count > 0) return new HistoryPlan(Gaps[0].AfterId, pageSize, IsGapFill: true);
        return IsStarted ? new HistoryPlan(LastSeenId, pageSize, IsGapFill: false) : null;
    }

    /// <summary>Takes in a fetched history page that started after <paramref name="afterId"/>: returns the ids not seen
    /// before, and records that every id from <paramref name="afterId"/> + 1 through <paramref name="coveredThroughId"/>
    /// is now known (seen, or not existing), closing those gaps. Never opens a gap.</summary>
    public (ForwardCheckpoint Next, IReadOnlyList<long> Accepted) AcceptFetched(long afterId, IReadOnlyList<long> ids, long coveredThroughId)
    {
        var accepted = ids.Distinct().Where(IsWanted).Order().ToList();
        var gaps = new List<IdGap>();
        foreach (var gap in Gaps)
        {
            // Remove the covered interval (afterId, coveredThroughId] from the gap's open interval.
            if (coveredThroughId <= gap.AfterId || afterId + 1 >= gap.BeforeId) { gaps.Add(gap); continue; }
            if (gap.AfterId < afterId) gaps.Add(new IdGap(gap.AfterId, afterId + 1));
            if (coveredThroughId < gap.BeforeId - 1) gaps.Add(new IdGap(coveredThroughId, gap.BeforeId));
        }
        var lastSeen = accepted.Count > 0 ? Math.Max(LastSeenId, accepted[^1]) : LastSeenId;
        return (this with { LastSeenId = lastSeen, Gaps = Trim(gaps.Where(g => g.BeforeId - g.AfterId > 1).ToList()) }, accepted);
    }

    /// <summary>Marks a send to one destination as started; store the result before calling the account. Starting the
    /// same send again (after a crash) keeps its crash count and first start time.</summary>
    public ForwardCheckpoint BeginSend(IReadOnlyList<long> sourceIds, long destinationChatId, DateTimeOffset? now = null)
    {
        var again = IsInFlight(sourceIds, destinationChatId);
        return this with { InFlight = new InFlightSend(sourceIds.ToArray(), destinationChatId, again ? InFlight!.Crashes : 0, again ? InFlight!.StartedAt ?? now : now) };
    }

    /// <summary>Whether this very send (these source ids to this destination) is marked in flight: started and never
    /// confirmed, so Telegram may or may not have it (a crash, or a call that failed without an answer).</summary>
    public bool IsInFlight(IReadOnlyList<long> sourceIds, long destinationChatId)
        => InFlight is { } f && f.DestinationChatId == destinationChatId && f.SourceIds.SequenceEqual(sourceIds);

    /// <summary>The in-flight send reached its destination (or was given up).</summary>
    public ForwardCheckpoint CompleteSend() => this with { InFlight = null };

    /// <summary>A source message (or album) reached every destination.</summary>
    public ForwardCheckpoint MarkForwarded(IReadOnlyList<long> sourceIds)
        => sourceIds.Count == 0 ? this : this with { LastForwardedId = Math.Max(LastForwardedId, sourceIds.Max()) };

    /// <summary>The checkpoint as if the ids from <paramref name="firstUnknownId"/> up had not been taken in: what the pair
    /// stores while new messages from that id on wait in its queue unstored, so that after a crash the catch-up fetches
    /// them again from the history instead of the pair writing its whole queue with every message it sends. Gaps above
    /// the new <see cref="LastSeenId"/> are dropped (everything above it is fetched again anyway).</summary>
    public ForwardCheckpoint ForgetFrom(long firstUnknownId)
    {
        var lastSeen = firstUnknownId - 1;
        if (lastSeen >= LastSeenId) return this;
        lastSeen = Math.Max(lastSeen, 0);
        var gaps = new List<IdGap>(Gaps.Count);
        foreach (var gap in Gaps)
        {
            var before = Math.Min(gap.BeforeId, lastSeen + 1);
            if (before - gap.AfterId > 1) gaps.Add(gap.BeforeId == before ? gap : new IdGap(gap.AfterId, before));
        }
        return this with { LastSeenId = lastSeen, Gaps = gaps };
    }

    /// <summary>Decides, on activation, what to do with a send that was in flight when the pair stopped.</summary>
    public (ForwardCheckpoint Next, RecoveryDecision Decision) Recover(InFlightPolicy policy)
    {
        if (InFlight is null) return (this, RecoveryDecision.Nothing);
        var crashed = InFlight with { Crashes = InFlight.Crashes + 1 };
        if (policy == InFlightPolicy.Skip || crashed.Crashes > 1)
            return (this with { InFlight = null }, new RecoveryDecision(RecoveryAction.Skip, crashed));
        return (this with { InFlight = crashed }, new RecoveryDecision(RecoveryAction.Resend, crashed));
    }

    private static List<IdGap> Split(List<IdGap> gaps, long id)
    {
        var result = new List<IdGap>(gaps.Count + 1);
        foreach (var gap in gaps)
        {
            if (!gap.Contains(id)) { result.Add(gap); continue; }
            if (id - gap.AfterId > 1) result.Add(new IdGap(gap.AfterId, id));
            if (gap.BeforeId - id > 1) result.Add(new IdGap(id, gap.BeforeId));
        }
        return result;
    }

    private static IReadOnlyList<IdGap> Trim(List<IdGap> gaps)
    {
        gaps.Sort((a, b) => a.AfterId.CompareTo(b.AfterId));
        return gaps.Count <= MaxGaps ? gaps : gaps.Skip(gaps.Count - MaxGaps).ToList();
    }
}

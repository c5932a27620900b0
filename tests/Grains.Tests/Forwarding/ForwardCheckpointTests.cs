using Cluster.Grains.Forwarding;

namespace Cluster.Grains.Tests.Forwarding;

public class ForwardCheckpointTests
{
    [Fact]
    public void New_pair_starts_at_its_first_message_without_backfill()
    {
        var cp = ForwardCheckpoint.Initial;
        Assert.Null(cp.PlanCatchUp(100));
        var (next, accepted) = cp.AcceptLive([500]);
        Assert.Equal([500L], accepted);
        Assert.Empty(next.Gaps);
        Assert.Equal(new HistoryPlan(500, 100, false), next.PlanCatchUp(100));
    }

    [Fact]
    public void Duplicate_deliveries_are_dropped()
    {
        var (cp, _) = ForwardCheckpoint.Initial.AcceptLive([10, 11]);
        var (_, accepted) = cp.AcceptLive([11, 12, 12]);
        Assert.Equal([12L], accepted);
    }

    [Fact]
    public void A_jump_opens_a_gap_that_catch_up_fills_first()
    {
        var (cp, _) = ForwardCheckpoint.Initial.AcceptLive([10]);
        (cp, _) = cp.AcceptLive([15]);
        Assert.Equal([new IdGap(10, 15)], cp.Gaps);
        Assert.True(cp.IsWanted(12));
        Assert.False(cp.IsWanted(15));
        Assert.Equal(new HistoryPlan(10, 100, true), cp.PlanCatchUp(100));

        // History after 10 holds 11, 12, 14 (13 was deleted) and 15, which is already seen.
        var (filled, accepted) = cp.AcceptFetched(10, [11, 12, 14, 15], coveredThroughId: long.MaxValue);
        Assert.Equal([11L, 12L, 14L], accepted);
        Assert.Empty(filled.Gaps);
        Assert.Equal(15, filled.LastSeenId);
    }

    [Fact]
    public void A_full_gap_page_closes_only_what_it_covered()
    {
        var (cp, _) = ForwardCheckpoint.Initial.AcceptLive([10]);
        (cp, _) = cp.AcceptLive([100]);
        var (next, accepted) = cp.AcceptFetched(10, [11, 12, 13], coveredThroughId: 13);
        Assert.Equal(3, accepted.Count);
        Assert.Equal([new IdGap(13, 100)], next.Gaps);
        Assert.Equal(new HistoryPlan(13, 3, true), next.PlanCatchUp(3));
    }

    [Fact]
    public void A_late_live_delivery_inside_a_gap_splits_it()
    {
        var (cp, _) = ForwardCheckpoint.Initial.AcceptLive([10]);
        (cp, _) = cp.AcceptLive([20]);
        var (next, accepted) = cp.AcceptLive([15]);
        Assert.Equal([15L], accepted);
        Assert.Equal([new IdGap(10, 15), new IdGap(15, 20)], next.Gaps);
        Assert.Equal(20, next.LastSeenId);
    }

    [Fact]
    public void Tail_catch_up_after_a_restart_takes_what_was_missed()
    {
        var (cp, _) = ForwardCheckpoint.Initial.AcceptLive([10]);
        var plan = cp.PlanCatchUp(100)!;
        var (next, accepted) = cp.AcceptFetched(plan.AfterId, [11, 13], coveredThroughId: long.MaxValue);
        Assert.Equal([11L, 13L], accepted);
        Assert.Empty(next.Gaps); // 12 is simply missing in the source, not a gap
        Assert.Equal(13, next.LastSeenId);
    }

    [Fact]
    public void Message_in_flight_at_a_crash_is_resent_once()
    {
        var cp = ForwardCheckpoint.Initial.BeginSend([7], destinationChatId: -5);
        var (afterCrash, decision) = cp.Recover(InFlightPolicy.ResendOnce);
        Assert.Equal(RecoveryAction.Resend, decision.Action);
        Assert.Equal([7L], decision.Send!.SourceIds);

        // The resend starts, and the pair crashes again on the same send: now it is given up, so at most one duplicate.
        var resending = afterCrash.BeginSend([7], -5);
        var (_, second) = resending.Recover(InFlightPolicy.ResendOnce);
        Assert.Equal(RecoveryAction.Skip, second.Action);
    }

    [Fact]
    public void Completed_send_leaves_nothing_to_recover()
    {
        var cp = ForwardCheckpoint.Initial.BeginSend([7], -5).CompleteSend().MarkForwarded([7]);
        var (_, decision) = cp.Recover(InFlightPolicy.ResendOnce);
        Assert.Equal(RecoveryAction.None, decision.Action);
        Assert.Equal(7, cp.LastForwardedId);
    }

    [Fact]
    public void Skip_policy_never_resends()
    {
        var cp = ForwardCheckpoint.Initial.BeginSend([7], -5);
        var (next, decision) = cp.Recover(InFlightPolicy.Skip);
        Assert.Equal(RecoveryAction.Skip, decision.Action);
        Assert.Null(next.InFlight);
    }

    [Fact]
    public void A_new_send_does_not_inherit_an_old_crash_count()
    {
        var cp = ForwardCheckpoint.Initial.BeginSend([7], -5);
        (cp, _) = cp.Recover(InFlightPolicy.ResendOnce);
        cp = cp.BeginSend([7], -6); // another destination
        Assert.Equal(0, cp.InFlight!.Crashes);
    }

    [Fact]
    public void Forwarded_mark_never_moves_back()
    {
        var cp = ForwardCheckpoint.Initial.MarkForwarded([20]).MarkForwarded([5]);
        Assert.Equal(20, cp.LastForwardedId);
    }

    [Fact]
    public void Forgetting_from_an_id_makes_it_and_every_later_one_wanted_again_and_keeps_older_gaps()
    {
        var cp = ForwardCheckpoint.Initial with { LastSeenId = 20, LastForwardedId = 4, Gaps = [new IdGap(5, 8), new IdGap(15, 18)] };

        var forgotten = cp.ForgetFrom(17);

        Assert.Equal(16, forgotten.LastSeenId);
        Assert.Equal([new IdGap(5, 8), new IdGap(15, 17)], forgotten.Gaps);
        Assert.All(new long[] { 6, 7, 16, 17, 18, 19, 20 }, id => Assert.True(forgotten.IsWanted(id), $"{id} is wanted"));
        Assert.All(new long[] { 5, 8, 14, 15 }, id => Assert.False(forgotten.IsWanted(id), $"{id} is not wanted"));
        Assert.Equal(new HistoryPlan(5, 100, true), forgotten.PlanCatchUp(100));
    }

    [Fact]
    public void Forgetting_drops_gaps_left_empty_and_changes_nothing_above_the_last_seen_id()
    {
        var cp = ForwardCheckpoint.Initial with { LastSeenId = 20, Gaps = [new IdGap(15, 18)] };

        Assert.Empty(cp.ForgetFrom(16).Gaps);
        Assert.Equal(15, cp.ForgetFrom(16).LastSeenId);
        Assert.Same(cp, cp.ForgetFrom(21));
    }
}

using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Forwarding;

public class PairOutboxTests
{
    private static readonly DateTimeOffset T = Msg.T0;

    private static long[][] Ids(PairOutbox outbox) => outbox.ToList().Select(o => o.SourceIds.ToArray()).ToArray();

    [Fact]
    public void Operations_leave_in_source_order_one_at_a_time()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(1, "a")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(2, "b")], T, TimeSpan.Zero);
        Assert.Equal(1, outbox.PeekReady(T)!.FirstSourceId);
        outbox.RemoveHead();
        Assert.Equal(2, outbox.PeekReady(T)!.FirstSourceId);
    }

    [Fact]
    public void A_late_gap_fill_goes_before_newer_unstarted_messages()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(10, "a")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(15, "c")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(12, "b")], T, TimeSpan.Zero);
        Assert.Equal([[10], [12], [15]], Ids(outbox));
    }

    [Fact]
    public void A_late_gap_fill_goes_before_newer_messages_also_past_edits_and_deletions_queued_among_them()
    {
        // Found in a rolling restart: 14 to 17 waited behind a gap while an edit and a deletion of copied messages were
        // queued; the gap fill (the album 12-13) must still reach the destination before 14, not after 17.
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(14, "d")], T, TimeSpan.Zero);
        outbox.EnqueueEdit(Msg.Text(9, "edited"), T);
        outbox.EnqueueNew([Msg.Text(15, "e")], T, TimeSpan.Zero);
        outbox.EnqueueDelete([7], T);
        outbox.EnqueueNew([Msg.Text(17, "f")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Media(12, MessageMediaKind.Photo, album: 4), Msg.Media(13, MessageMediaKind.Photo, album: 4)], T, TimeSpan.Zero);
        Assert.Equal([[12, 13], [14], [9], [15], [7], [17]], Ids(outbox));
        Assert.Equal([PendingOperationKind.New, PendingOperationKind.New, PendingOperationKind.Edit, PendingOperationKind.New, PendingOperationKind.Delete, PendingOperationKind.New],
            outbox.ToList().Select(o => o.Kind));

        // Edits and deletions after every newer message stay where they are; nothing passes a started operation or an
        // older message.
        var tail = new PairOutbox();
        tail.EnqueueNew([Msg.Text(20, "a")], T, TimeSpan.Zero);
        tail.UpdateHead(tail.PeekReady(T)! with { DoneDestinations = [-5] });
        tail.EnqueueNew([Msg.Text(24, "c")], T, TimeSpan.Zero);
        tail.EnqueueNew([Msg.Text(21, "b")], T, TimeSpan.Zero);
        tail.EnqueueDelete([3], T);
        tail.EnqueueNew([Msg.Text(22, "gap")], T, TimeSpan.Zero);
        tail.EnqueueNew([Msg.Text(19, "late")], T, TimeSpan.Zero);
        Assert.Equal([[20], [19], [21], [22], [24], [3]], Ids(tail));
    }

    [Fact]
    public void A_started_head_keeps_its_place()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(15, "c")], T, TimeSpan.Zero);
        outbox.UpdateHead(outbox.PeekReady(T)! with { DoneDestinations = [-5] });
        outbox.EnqueueNew([Msg.Text(12, "b")], T, TimeSpan.Zero);
        Assert.Equal([[15], [12]], Ids(outbox));
    }

    [Fact]
    public void A_message_whose_send_began_stays_as_sent_keeps_its_place_and_its_edits_wait_behind_it()
    {
        // The send began and its answer never came (the account's silo stopped): Telegram may hold the copy as it was sent.
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(20, "as sent")], T, TimeSpan.Zero);
        Assert.False(outbox.HasStarted(20));
        outbox.UpdateHead(outbox.PeekReady(T)! with { Tried = true });
        Assert.True(outbox.HasStarted(20));

        Assert.False(outbox.TryApplyEdit(Msg.Text(20, "edited meanwhile")));
        outbox.EnqueueEdit(Msg.Text(20, "edited meanwhile"), T);
        outbox.EnqueueNew([Msg.Text(19, "late gap fill")], T, TimeSpan.Zero);
        Assert.Equal([[20], [20], [19]], Ids(outbox));
        Assert.Equal([PendingOperationKind.New, PendingOperationKind.Edit, PendingOperationKind.New], outbox.ToList().Select(o => o.Kind));

        // Deleted meanwhile: the send stays (its copy is looked for, and deleted), the edit waiting behind it goes.
        Assert.Equal([20L], outbox.TryApplyDelete([20]));
        Assert.Equal([[20], [19]], Ids(outbox));
        Assert.Equal("as sent", outbox.PeekReady(T)!.Messages[0].Text.Text);
    }

    [Fact]
    public void Delayed_head_holds_back_everything_behind_it()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(1, "a")], T, TimeSpan.FromMinutes(5));
        outbox.EnqueueNew([Msg.Text(2, "b")], T.AddMinutes(1), TimeSpan.Zero);
        Assert.Null(outbox.PeekReady(T.AddMinutes(2)));
        Assert.Equal(T.AddMinutes(5), outbox.NextReadyAt);
        Assert.Equal(1, outbox.PeekReady(T.AddMinutes(5))!.FirstSourceId);
    }

    [Fact]
    public void Album_parts_that_arrive_apart_join_their_album()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Media(5, MessageMediaKind.Photo, album: 9)], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Media(6, MessageMediaKind.Photo, album: 9), Msg.Media(5, MessageMediaKind.Photo, album: 9)], T, TimeSpan.Zero);
        Assert.Equal([[5, 6]], Ids(outbox));
    }

    [Fact]
    public void Edit_of_a_queued_message_changes_it_in_place()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(1, "old")], T, TimeSpan.Zero);
        Assert.True(outbox.TryApplyEdit(Msg.Text(1, "new")));
        Assert.Equal("new", Assert.Single(outbox.ToList()).Messages[0].Text.Text);
        Assert.False(outbox.TryApplyEdit(Msg.Text(2, "not queued")));
    }

    [Fact]
    public void An_edit_of_a_queued_message_keeps_the_moment_the_message_arrived()
    {
        var outbox = new PairOutbox();
        var arrived = T.AddSeconds(-5);
        outbox.EnqueueNew([Msg.Text(1, "old") with { ArrivedAt = arrived }], T, TimeSpan.Zero);

        Assert.True(outbox.TryApplyEdit(Msg.Text(1, "new") with { ArrivedAt = T.AddSeconds(10) }));

        var message = Assert.Single(outbox.ToList()).Messages[0];
        Assert.Equal("new", message.Text.Text);
        Assert.Equal(arrived, message.ArrivedAt); // its forward latency still counts from the first arrival
    }

    [Fact]
    public void Repeated_edits_of_a_sent_message_are_mirrored_once_with_the_latest_text()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueEdit(Msg.Text(1, "v2"), T);
        outbox.EnqueueEdit(Msg.Text(1, "v3"), T);
        var edit = Assert.Single(outbox.ToList());
        Assert.Equal(PendingOperationKind.Edit, edit.Kind);
        Assert.Equal("v3", edit.Messages[0].Text.Text);
    }

    [Fact]
    public void Deleting_a_queued_message_removes_it_and_needs_no_mirroring()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Media(5, MessageMediaKind.Photo, album: 9), Msg.Media(6, MessageMediaKind.Photo, album: 9)], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(7, "x")], T, TimeSpan.Zero);
        var remaining = outbox.TryApplyDelete([6, 7, 3]);
        Assert.Equal([3L], remaining);
        Assert.Equal([[5]], Ids(outbox));
    }

    [Fact]
    public void Deletion_is_queued_behind_earlier_operations()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(8, "x")], T, TimeSpan.Zero);
        outbox.EnqueueDelete([3], T);
        Assert.Equal([PendingOperationKind.New, PendingOperationKind.Delete], outbox.ToList().Select(o => o.Kind));
    }

    [Fact]
    public void Past_mode_messages_go_after_live_ones()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(2, "past")], T, TimeSpan.Zero, isPast: true);
        outbox.EnqueueNew([Msg.Text(50, "live")], T, TimeSpan.Zero);
        Assert.Equal([[50], [2]], Ids(outbox));
        Assert.Equal(1, outbox.RemovePast());
        Assert.Equal([[50]], Ids(outbox));
    }

    [Fact]
    public void Sequence_numbers_continue_after_a_restore()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(1, "a")], T, TimeSpan.Zero);
        var restored = new PairOutbox(outbox.ToList());
        restored.EnqueueNew([Msg.Text(2, "b")], T, TimeSpan.Zero);
        Assert.Equal(2, restored.ToList().Select(o => o.Sequence).Distinct().Count());
    }

    [Fact]
    public void Updating_an_operation_that_is_not_the_head_is_refused()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(1, "a")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(2, "b")], T, TimeSpan.Zero);
        Assert.Throws<InvalidOperationException>(() => outbox.UpdateHead(outbox.ToList()[1]));
    }

    private static ForwardCheckpoint Seen(long lastSeen, long lastForwarded = 0)
        => ForwardCheckpoint.Initial with { LastSeenId = lastSeen, LastForwardedId = lastForwarded };

    [Fact]
    public void Storage_leaves_out_the_untouched_new_messages_after_the_one_in_flight()
    {
        var outbox = new PairOutbox();
        foreach (var id in new long[] { 10, 11, 12 }) outbox.EnqueueNew([Msg.Text(id, "m")], T, TimeSpan.Zero);
        var checkpoint = Seen(12, lastForwarded: 9).BeginSend([10], -5);

        var (stored, firstUnstored, unstoredMessages) = outbox.ForStorage(checkpoint);

        Assert.Equal([10L], stored.Select(o => o.FirstSourceId));
        Assert.Equal(11, firstUnstored);
        Assert.Equal(2, unstoredMessages);
    }

    [Fact]
    public void Storage_leaves_out_the_whole_queue_when_nothing_is_in_flight_and_all_of_it_is_above_the_last_forwarded_id()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Media(20, MessageMediaKind.Photo, album: 7), Msg.Media(21, MessageMediaKind.Photo, album: 7)], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(22, "m")], T, TimeSpan.Zero);

        var (stored, firstUnstored, unstoredMessages) = outbox.ForStorage(Seen(22, lastForwarded: 19));

        Assert.Empty(stored);
        Assert.Equal(20, firstUnstored);
        Assert.Equal(3, unstoredMessages);
    }

    [Fact]
    public void Storage_keeps_a_gap_fill_queued_behind_a_started_newer_message()
    {
        // The history would hand 10 back, but also 12 again: so nothing can be left to the history here.
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(12, "started")], T, TimeSpan.Zero);
        outbox.UpdateHead(outbox.PeekReady(T)! with { DoneDestinations = [-5] });
        outbox.EnqueueNew([Msg.Text(10, "gap fill")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(13, "newer")], T, TimeSpan.Zero);

        var (stored, firstUnstored, _) = outbox.ForStorage(Seen(13, lastForwarded: 9));

        Assert.Equal([12L, 10L], stored.Select(o => o.FirstSourceId));
        Assert.Equal(13, firstUnstored);
    }

    [Fact]
    public void Storage_keeps_everything_before_an_edit_a_deletion_or_past_mode_at_the_tail()
    {
        var edit = new PairOutbox();
        edit.EnqueueNew([Msg.Text(10, "new")], T, TimeSpan.Zero);
        edit.EnqueueEdit(Msg.Text(5, "edited"), T);
        var deletion = new PairOutbox();
        deletion.EnqueueNew([Msg.Text(10, "new")], T, TimeSpan.Zero);
        deletion.EnqueueDelete([5], T);
        var past = new PairOutbox();
        past.EnqueueNew([Msg.Text(10, "new")], T, TimeSpan.Zero);
        past.EnqueueNew([Msg.Text(3, "past")], T, TimeSpan.Zero, isPast: true);

        foreach (var outbox in new[] { edit, deletion, past })
        {
            var (stored, firstUnstored, unstoredMessages) = outbox.ForStorage(Seen(10, lastForwarded: 9));
            Assert.Equal(2, stored.Count);
            Assert.Null(firstUnstored);
            Assert.Equal(0, unstoredMessages);
        }
    }

    [Fact]
    public void Storage_keeps_a_message_at_or_below_the_last_forwarded_id()
    {
        var outbox = new PairOutbox();
        outbox.EnqueueNew([Msg.Text(8, "late")], T, TimeSpan.Zero);
        outbox.EnqueueNew([Msg.Text(11, "new")], T, TimeSpan.Zero);

        var (stored, firstUnstored, _) = outbox.ForStorage(Seen(11, lastForwarded: 9));

        Assert.Equal([8L], stored.Select(o => o.FirstSourceId));
        Assert.Equal(11, firstUnstored);
    }
}

using Cluster.Grains.Abstractions.Broadcasts;

namespace Cluster.Grains.Tests.Broadcasts;

/// <summary>What a broadcast accepts as its message, its progress text and buttons, and its keys.</summary>
public sealed class BroadcastMessageTests
{
    [Theory]
    [InlineData("", null, null, "empty")]
    [InlineData("  \n ", null, null, "empty")]
    [InlineData("caption", BroadcastMediaKind.Photo, null, "needs its file id")]
    [InlineData("text", null, "AgAD123", "without its kind")]
    public void Refuses_what_cannot_be_sent(string text, BroadcastMediaKind? kind, string? fileId, string reason)
    {
        Assert.Contains(reason, new BroadcastMessage(text, null, kind, fileId).Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_lengths_and_entities_against_the_text()
    {
        Assert.Null(new BroadcastMessage(new string('a', 4096)).Problem());
        Assert.Contains("4097 characters", new BroadcastMessage(new string('a', 4097)).Problem());
        Assert.Contains("Telegram allows 1024", new BroadcastMessage(new string('a', 1025), null, BroadcastMediaKind.Video, "id").Problem());
        Assert.Null(new BroadcastMessage("", null, BroadcastMediaKind.Photo, "AgAD").Problem()); // media without a caption
        Assert.Null(new BroadcastMessage("Hello world", [new BroadcastEntity("bold", 6, 5)]).Problem());
        Assert.Contains("outside the text", new BroadcastMessage("Hello", [new BroadcastEntity("bold", 3, 5)]).Problem());
        Assert.Contains("outside the text", new BroadcastMessage("Hello", [new BroadcastEntity("bold", 0, 0)]).Problem());
    }

    [Fact]
    public void The_progress_text_shows_counts_rate_and_eta_and_the_buttons_follow_the_phase()
    {
        var created = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
        var running = new BroadcastProgress("b1-1", 42, BroadcastPhase.Running, 1000, 400, 2, 30, 0, 568, 29.5, TimeSpan.FromSeconds(19.3), created, null, null);
        var text = BroadcastProgressText.Format(running);
        Assert.Contains("Broadcast b1-1 of bot 42: sending", text);
        Assert.Contains("sent 400, failed 2, blocked 30, pending 568 of 1000", text);
        Assert.Contains("rate 29.5 msg/s, ETA 20s", text);
        Assert.DoesNotContain("unconfirmed", text);
        Assert.Equal(["/broadcast_pause b1-1", "/broadcast_cancel b1-1"], BroadcastProgressText.Buttons(running).Select(b => b.Command));

        var paused = running with { Phase = BroadcastPhase.Paused, Unconfirmed = 3 };
        Assert.Contains("unconfirmed 3", BroadcastProgressText.Format(paused));
        Assert.Equal(["/broadcast_resume b1-1", "/broadcast_cancel b1-1"], BroadcastProgressText.Buttons(paused).Select(b => b.Command));

        var done = running with { Phase = BroadcastPhase.Completed, FinishedAt = created.AddSeconds(34), Pending = 0 };
        Assert.Contains("done", BroadcastProgressText.Format(done));
        Assert.Contains("after 34s", BroadcastProgressText.Format(done));
        Assert.Empty(BroadcastProgressText.Buttons(done));
    }

    [Fact]
    public void A_user_always_lands_in_the_same_bucket_and_ids_fit_in_a_buttons_data()
    {
        Assert.Equal(BroadcastKeys.SubscriberBucket(7, 123_456_789), BroadcastKeys.SubscriberBucket(7, 123_456_789));
        Assert.Equal("7/" + (123_456_789 % BroadcastKeys.SubscriberBuckets), BroadcastKeys.SubscriberBucket(7, 123_456_789));
        var buckets = Enumerable.Range(1, 10_000).Select(u => BroadcastKeys.SubscriberBucket(7, u)).Distinct().Count();
        Assert.Equal(BroadcastKeys.SubscriberBuckets, buckets);
        var id = BroadcastKeys.NewBroadcastId(9_999_999_999, DateTimeOffset.UtcNow);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount("/broadcast_resume " + id) <= 64, id);
    }
}

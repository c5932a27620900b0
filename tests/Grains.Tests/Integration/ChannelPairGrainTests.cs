using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Pairs;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.World;
using Cluster.TestSupport.Orleans;

namespace Cluster.Grains.Tests.Integration;

/// <summary>Channel pairs on a silo of an in-process Orleans cluster against the simulator over HTTP: what arrives in the
/// destination chats is read back through the simulator's inspection API.</summary>
[Trait("Category", "Cluster")]
public sealed class ChannelPairGrainTests
{
    private static PairConfiguration Pair(TestAccount account, SimChatInfo source, SimChatInfo[] destinations, ForwardMode mode = ForwardMode.Copy) => new()
    {
        AccountId = account.AccountId,
        SourceChat = "@" + source.Username,
        Destinations = destinations.Select(d => "@" + d.Username).ToList(),
        Mode = mode,
    };

    [Fact]
    public async Task Filters_drop_blocked_keywords_and_media_and_count_them()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("filters");
        var (source, destinations) = cluster.AddChannels(account, "filters");
        var pair = await cluster.AddPairAsync("filters-pair", Pair(account, source, destinations) with
        {
            Filters = new PairFilters { BlockKeywords = ["casino"], BlockedMedia = [MessageMediaKind.Video], BlockPatterns = [@"\bad\d+\b"] },
        });
        var dest = destinations[0].Id;

        cluster.World.PostToChannel(source.Id, "morning news");
        cluster.World.PostToChannel(source.Id, "win at the CASINO today");
        cluster.World.PostToChannel(source.Id, [new SimOutgoingMessage("a clip", Media: cluster.World.UploadFile(SimMediaKind.Video))]);
        cluster.World.PostToChannel(source.Id, "promo ad42 inside");
        cluster.World.PostToChannel(source.Id, "evening news");

        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= 2, "the two news posts");
        var status = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Received == 5, "five messages received");
        Assert.Equal(["morning news", "evening news"], cluster.Texts(dest));
        Assert.Equal(3, status.Statistics.Filtered);
        Assert.Equal(2, status.Statistics.Forwarded);
    }

    [Fact]
    public async Task Forward_mode_keeps_the_header_and_every_destination_gets_every_message_in_order()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("forwarder");
        var (source, destinations) = cluster.AddChannels(account, "fwd", destinations: 2);
        await cluster.AddPairAsync("fwd-pair", Pair(account, source, destinations, ForwardMode.Forward));
        var expected = Enumerable.Range(1, 6).Select(i => $"post {i}").ToList();

        foreach (var text in expected) cluster.World.PostToChannel(source.Id, text);

        foreach (var destination in destinations)
        {
            await Eventually.WaitAsync(() => cluster.Texts(destination.Id), t => t.Count >= expected.Count, $"six posts in {destination.Username}");
            Assert.Equal(expected, cluster.Texts(destination.Id));
            Assert.All(cluster.Messages(destination.Id), m => Assert.NotNull(m.ForwardOrigin));
        }
    }

    [Fact]
    public async Task Copy_mode_applies_replacements_header_and_footer_without_a_forward_header()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("copier");
        var (source, destinations) = cluster.AddChannels(account, "copy");
        await cluster.AddPairAsync("copy-pair", Pair(account, source, destinations) with
        {
            Replacements = [new TextReplacement { Pattern = "@src_copy", Replacement = "@our_channel" }, new TextReplacement { Pattern = @"price (\d+)", Replacement = "price $1 USD", IsRegex = true }],
            CaptionHeader = "[Digest]",
            CaptionFooter = "-- via our channel",
        });
        var dest = destinations[0].Id;

        cluster.World.PostToChannel(source.Id, "Follow @src_copy: price 10");
        cluster.World.PostToChannel(source.Id, [new SimOutgoingMessage("photo price 5", Media: cluster.World.UploadFile(SimMediaKind.Photo))]);

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 2, "two copies");
        Assert.Equal("[Digest]\nFollow @our_channel: price 10 USD\n-- via our channel", messages[0].Text);
        Assert.Equal("[Digest]\nphoto price 5 USD\n-- via our channel", messages[1].Text);
        Assert.Equal(SimMediaKind.Photo, messages[1].Media?.Kind);
        Assert.All(messages, m => Assert.Null(m.ForwardOrigin));
    }

    [Fact]
    public async Task An_album_arrives_as_one_album_with_its_caption_transformed()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("albums");
        var (source, destinations) = cluster.AddChannels(account, "album");
        await cluster.AddPairAsync("album-pair", Pair(account, source, destinations) with { CaptionFooter = "(copied)" });
        var dest = destinations[0].Id;

        cluster.World.PostToChannel(source.Id, "before");
        cluster.World.PostToChannel(source.Id,
        [
            new SimOutgoingMessage("three views", Media: cluster.World.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: cluster.World.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: cluster.World.UploadFile(SimMediaKind.Video)),
        ], asAlbum: true);
        cluster.World.PostToChannel(source.Id, "after");

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 5, "the album between two posts");
        Assert.Equal("before\n(copied)", messages[0].Text);
        var album = messages.Skip(1).Take(3).ToList();
        Assert.NotNull(album[0].MediaGroupId);
        Assert.All(album, m => Assert.Equal(album[0].MediaGroupId, m.MediaGroupId));
        Assert.Equal([SimMediaKind.Photo, SimMediaKind.Photo, SimMediaKind.Video], album.Select(m => m.Media!.Kind));
        Assert.Equal("three views\n(copied)", album[0].Text);
        Assert.Equal("after\n(copied)", messages[4].Text);
    }

    [Fact]
    public async Task Edits_and_deletions_of_the_source_are_mirrored_through_the_id_map()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("mirror");
        var (source, destinations) = cluster.AddChannels(account, "mirror");
        var pair = await cluster.AddPairAsync("mirror-pair", Pair(account, source, destinations) with { CaptionHeader = "H" });
        var dest = destinations[0].Id;
        var first = cluster.World.PostToChannel(source.Id, "first version");
        var second = cluster.World.PostToChannel(source.Id, "to be deleted");
        await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count >= 2, "two copies");

        cluster.World.EditChannelPost(source.Id, first.Id, "second version");
        cluster.World.DeleteMessages(source.Id, [second.Id]);

        var messages = await Eventually.WaitAsync(() => cluster.Messages(dest), m => m.Count == 1 && m[0].Text == "H\nsecond version", "the edit and the deletion mirrored");
        Assert.NotNull(messages[0].EditDate);
        Assert.True(cluster.Messages(dest, includeDeleted: true).Single(m => m.Text == "H\nto be deleted").IsDeleted);
        // The pair counts a mirrored operation once its turn finishes, a moment after the destination shows it.
        var statistics = (await Eventually.WaitAsync(pair.GetStatusAsync, s => s.PendingOperations == 0 && s.Statistics.DeletionsMirrored > 0, "the pair idle")).Statistics;
        Assert.Equal(1, statistics.EditsMirrored);
        Assert.Equal(1, statistics.DeletionsMirrored);
    }

    [Fact]
    public async Task A_source_edit_that_leaves_the_copy_unchanged_counts_as_mirrored_not_failed_and_does_not_hold_the_queue()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("same-text");
        var (source, destinations) = cluster.AddChannels(account, "same");
        var pair = await cluster.AddPairAsync("same-pair", Pair(account, source, destinations) with
        {
            Replacements = [new TextReplacement { Pattern = "draft", Replacement = "final" }],
        });
        var dest = destinations[0].Id;
        var post = cluster.World.PostToChannel(source.Id, "final text");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 1, "the copy");

        // After the replacement the edited text is the copy's text already: Telegram answers MESSAGE_NOT_MODIFIED.
        cluster.World.EditChannelPost(source.Id, post.Id, "draft text");
        cluster.World.PostToChannel(source.Id, "next post");

        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 2, "the next post, not held behind the edit", TimeSpan.FromSeconds(10));
        var statistics = (await Eventually.WaitAsync(pair.GetStatusAsync, s => s.PendingOperations == 0 && s.Statistics.Forwarded == 2, "the pair idle")).Statistics;
        Assert.Equal(1, statistics.EditsMirrored);
        Assert.Equal(0, statistics.Failed);
        Assert.Equal(["final text", "next post"], cluster.Texts(dest));
    }

    [Fact]
    public async Task Past_mode_republishes_a_range_of_the_history_in_order()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("past");
        var (source, destinations) = cluster.AddChannels(account, "past");
        var history = Enumerable.Range(1, 6).Select(i => cluster.World.PostToChannel(source.Id, $"old {i}")).ToList();
        var pair = await cluster.AddPairAsync("past-pair", Pair(account, source, destinations));
        var dest = destinations[0].Id;

        await pair.StartPastModeAsync(new PastModeRequest(history[1].Id, history[4].Id));

        var status = await Eventually.WaitAsync(pair.GetStatusAsync, s => s.PastMode is { Completed: true } && s.PendingOperations == 0, "past mode completed");
        Assert.Equal(["old 2", "old 3", "old 4", "old 5"], cluster.Texts(dest));
        Assert.Equal(4, status.PastMode!.Queued);
    }

    [Fact]
    public async Task A_delay_holds_messages_back_and_keeps_their_order()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("delay");
        var (source, destinations) = cluster.AddChannels(account, "delay");
        var pair = await cluster.AddPairAsync("delay-pair", Pair(account, source, destinations) with { Delay = TimeSpan.FromSeconds(2) });
        var dest = destinations[0].Id;

        cluster.World.PostToChannel(source.Id, "one");
        cluster.World.PostToChannel(source.Id, "two");
        await Eventually.WaitAsync(pair.GetStatusAsync, s => s.Statistics.Received == 2, "both received");
        var heldBack = cluster.Texts(dest).Count;

        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= 2, "both delivered after the delay");
        Assert.Equal(0, heldBack);
        Assert.Equal(["one", "two"], cluster.Texts(dest));
        var timing = await pair.GetTimingAsync();
        Assert.Equal(2, timing.Recent.Count);
        Assert.All(timing.Recent, t => Assert.True(t.ProcessingMs >= 2000, $"processing {t.ProcessingMs} ms includes the 2 s delay"));
    }

    [Fact]
    public async Task Forward_latency_counts_from_the_arrival_of_the_update_not_from_Telegrams_message_date()
    {
        // Telegram's clock an hour behind ours: a latency measured from the message's date would read about an hour.
        var hourBehind = new ShiftedClock(TimeSpan.FromHours(-1));
        await using var cluster = await ForwardingCluster.StartAsync(telegramClock: hourBehind);
        var account = await cluster.AddLoggedInAccountAsync("arrival");
        var (source, destinations) = cluster.AddChannels(account, "arrival");
        var pair = await cluster.AddPairAsync("arrival-pair", Pair(account, source, destinations));

        var posted = DateTimeOffset.UtcNow;
        cluster.World.PostToChannel(source.Id, "timed");
        await Eventually.WaitAsync(() => cluster.Texts(destinations[0].Id), t => t.Count == 1, "the message delivered");
        var timing = await Eventually.WaitAsync(pair.GetTimingAsync, t => t.Recent.Count == 1, "its timing recorded");

        var message = Assert.Single(timing.Recent);
        Assert.True(message.PostedAt < posted - TimeSpan.FromMinutes(59), $"Telegram's date {message.PostedAt:o} is an hour behind");
        Assert.True(message.ArrivedAt >= posted.AddSeconds(-1) && message.ArrivedAt <= message.ReceivedAt && message.ReceivedAt <= message.ForwardedAt,
            $"arrived {message.ArrivedAt:o}, received {message.ReceivedAt:o}, forwarded {message.ForwardedAt:o}");
        Assert.Equal((message.ForwardedAt - message.ArrivedAt).TotalMilliseconds, message.ForwardMs, 3);
        Assert.True(message.ForwardMs >= message.ProcessingMs, $"forward {message.ForwardMs} ms includes the pair's {message.ProcessingMs} ms");
        Assert.True(message.ForwardMs < 30_000, $"forward latency {message.ForwardMs} ms is measured from arrival, not from the date an hour ago");
        Assert.Equal(1, timing.Forward.Count);
        Assert.True(timing.Forward.MaxMs < 30_000, $"the pair's forward histogram holds {timing.Forward.MaxMs} ms");
        var histograms = await pair.GetLatencyHistogramsAsync();
        Assert.True(histograms.Forward.MaxMs < 30_000, $"the histogram /worker_stats merges holds {histograms.Forward.MaxMs} ms");
    }

    /// <summary>The real clock moved by a fixed offset (timers and timestamps stay real).</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }

    [Fact]
    public async Task A_pair_whose_silo_stopped_catches_up_on_a_new_silo_without_loss_or_duplicates()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("survivor");
        var (source, destinations) = cluster.AddChannels(account, "survivor");
        await cluster.AddPairAsync("survivor-pair", Pair(account, source, destinations));
        var dest = destinations[0].Id;
        var expected = new List<string>();
        for (var i = 1; i <= 3; i++) { expected.Add($"before {i}"); cluster.World.PostToChannel(source.Id, $"before {i}"); }
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 3, "the first three posts");

        // Posts keep coming while the only silo stops and until another one has started on the same storage.
        for (var i = 1; i <= 2; i++) { expected.Add($"stopping {i}"); cluster.World.PostToChannel(source.Id, $"stopping {i}"); }
        await cluster.StopSiloAsync(cluster.Silos[0]);
        for (var i = 1; i <= 3; i++) { expected.Add($"down {i}"); cluster.World.PostToChannel(source.Id, $"down {i}"); }
        var replacement = await cluster.StartSiloAsync();
        for (var i = 1; i <= 2; i++) { expected.Add($"after {i}"); cluster.World.PostToChannel(source.Id, $"after {i}"); }

        // Nobody calls the pair: the keeper brings the account and the pair back (always-on), the pair catches up.
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= expected.Count, "every post, once");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show up within the catch-up interval
        Assert.Equal(expected, cluster.Texts(dest));
        var status = await replacement.Grains().GetGrain<IChannelPairGrain>("survivor-pair").GetStatusAsync();
        Assert.Equal(expected.Count, status.Statistics.Forwarded);
        // A send marked in flight when the silo stopped is counted as a possible duplicate (it is resent once); here the
        // destination shows none.
        Assert.InRange(status.Statistics.PossibleDuplicates, 0, 1);
    }

    [Fact]
    public async Task Messages_queued_but_not_stored_when_the_silo_crashes_arrive_once_and_in_order_from_the_history()
    {
        await using var cluster = await ForwardingCluster.StartAsync();
        var account = await cluster.AddLoggedInAccountAsync("cutoff");
        var (source, destinations) = cluster.AddChannels(account, "cutoff");
        var configuration = Pair(account, source, destinations);
        var pair = await cluster.AddPairAsync("cutoff-pair", configuration);
        var dest = destinations[0].Id;
        cluster.World.PostToChannel(source.Id, "first");
        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count == 1, "the first post");

        // A delay keeps the next posts in the queue; a write leaves such untouched messages out, and the stored
        // checkpoint forgets them, so that they are fetched from the history again rather than rewritten with every send.
        await pair.ConfigureAsync(configuration with { Delay = TimeSpan.FromSeconds(6) });
        var expected = new List<string> { "first" };
        var queued = new List<long>();
        for (var i = 1; i <= 3; i++) { expected.Add($"queued {i}"); queued.Add(cluster.World.PostToChannel(source.Id, $"queued {i}").Id); }
        await Eventually.WaitAsync(pair.GetStatusAsync, s => s.PendingOperations == 3, "three posts queued");
        var old = cluster.Silos[0];
        var stored = cluster.Cluster.ReadState<ChannelPairState>("pair", GrainId.Create("pair", "cutoff-pair"));
        Assert.NotNull(stored);
        Assert.Empty(stored.Outbox);
        var lastSeen = stored.Checkpoint.LastSeenId;
        Assert.True(lastSeen < queued[0], $"the stored checkpoint has seen {lastSeen}, the queue starts at {queued[0]}");

        // The silo crashes: its activations stop without writing. Another silo takes the pair over and fetches the three
        // posts from the history.
        await cluster.Cluster.KillSiloAsync(old);
        Assert.Equal(["first"], cluster.Texts(dest));
        var replacement = await cluster.StartSiloAsync();

        await Eventually.WaitAsync(() => cluster.Texts(dest), t => t.Count >= expected.Count, "every post, once", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show up within the catch-up interval
        Assert.Equal(expected, cluster.Texts(dest));
        var status = await replacement.Grains().GetGrain<IChannelPairGrain>("cutoff-pair").GetStatusAsync();
        Assert.Equal(expected.Count, status.Statistics.Forwarded);
    }
}

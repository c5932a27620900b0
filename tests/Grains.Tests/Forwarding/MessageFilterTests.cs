using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Forwarding;

public class MessageFilterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static MessageFilter Filter(PairFilters filters) => MessageFilter.Create(filters, Timeout);

    [Fact]
    public void No_filters_pass_text_and_media()
    {
        var filter = Filter(PairFilters.None);
        Assert.True(filter.Evaluate(Msg.Text(1, "hello")).Passes);
        Assert.True(filter.Evaluate(Msg.Media(2, MessageMediaKind.Photo)).Passes);
    }

    [Fact]
    public void Empty_message_is_skipped_unless_asked_not_to()
    {
        Assert.False(Filter(PairFilters.None).Evaluate(Msg.Text(1, "")).Passes);
        Assert.True(Filter(new PairFilters { SkipEmpty = false }).Evaluate(Msg.Text(1, "")).Passes);
    }

    [Fact]
    public void Allow_keywords_require_one_of_them_ignoring_case()
    {
        var filter = Filter(new PairFilters { AllowKeywords = ["BTC", "eth"] });
        Assert.True(filter.Evaluate(Msg.Text(1, "buy btc now")).Passes);
        Assert.True(filter.Evaluate(Msg.Text(2, "ETH is up")).Passes);
        var verdict = filter.Evaluate(Msg.Text(3, "weather today"));
        Assert.False(verdict.Passes);
        Assert.Contains("allowed keywords", verdict.Reason);
    }

    [Fact]
    public void Block_keywords_win_over_allow_keywords()
    {
        var filter = Filter(new PairFilters { AllowKeywords = ["btc"], BlockKeywords = ["scam"] });
        var verdict = filter.Evaluate(Msg.Text(1, "BTC SCAM inside"));
        Assert.False(verdict.Passes);
        Assert.Contains("'scam'", verdict.Reason);
    }

    [Fact]
    public void Regex_allow_and_block_lists_apply()
    {
        var filter = Filter(new PairFilters { AllowPatterns = [@"\$\d+"], BlockPatterns = [@"^ad\b"] });
        Assert.True(filter.Evaluate(Msg.Text(1, "now $100")).Passes);
        Assert.False(filter.Evaluate(Msg.Text(2, "no price")).Passes);
        Assert.False(filter.Evaluate(Msg.Text(3, "AD: only $5")).Passes);
    }

    [Fact]
    public void Invalid_regex_is_refused_at_configuration_naming_the_pattern()
    {
        var e = Assert.Throws<ArgumentException>(() => Filter(new PairFilters { BlockPatterns = ["ok", "(unclosed"] }));
        Assert.Contains("Filters.BlockPatterns[1]", e.Message);
        Assert.Contains("'(unclosed'", e.Message);
    }

    [Fact]
    public void Blank_keyword_is_refused_at_configuration()
    {
        var e = Assert.Throws<ArgumentException>(() => Filter(new PairFilters { AllowKeywords = ["a", " "] }));
        Assert.Contains("Filters.AllowKeywords[1]", e.Message);
    }

    [Fact]
    public void Catastrophic_block_pattern_times_out_and_blocks()
    {
        var filter = MessageFilter.Create(new PairFilters { BlockPatterns = ["^(a+)+$"] }, TimeSpan.FromMilliseconds(1));
        var evil = new string('a', 5000) + "!";
        Assert.False(filter.Evaluate(Msg.Text(1, evil)).Passes);
    }

    [Fact]
    public void Media_kinds_are_allowed_or_blocked()
    {
        var onlyPhotos = Filter(new PairFilters { AllowedMedia = [MessageMediaKind.Photo] });
        Assert.True(onlyPhotos.Evaluate(Msg.Media(1, MessageMediaKind.Photo)).Passes);
        Assert.False(onlyPhotos.Evaluate(Msg.Media(2, MessageMediaKind.Video)).Passes);
        Assert.False(onlyPhotos.Evaluate(Msg.Text(3, "text")).Passes);

        var noStickers = Filter(new PairFilters { BlockedMedia = [MessageMediaKind.Sticker] });
        Assert.False(noStickers.Evaluate(Msg.Media(4, MessageMediaKind.Sticker)).Passes);
        Assert.True(noStickers.Evaluate(Msg.Text(5, "text")).Passes);
    }

    [Fact]
    public void Album_is_judged_as_a_whole()
    {
        var filter = Filter(new PairFilters { AllowKeywords = ["sale"], BlockedMedia = [MessageMediaKind.Video] });
        var album = new[] { Msg.Media(1, MessageMediaKind.Photo, "big sale", album: 9), Msg.Media(2, MessageMediaKind.Photo, "", album: 9) };
        Assert.True(filter.Evaluate(album).Passes);
        var withVideo = new[] { album[0], Msg.Media(2, MessageMediaKind.Video, "", album: 9) };
        Assert.False(filter.Evaluate(withVideo).Passes);
    }

    [Fact]
    public void Senders_are_allowed_or_blocked_by_user_or_chat_id()
    {
        var allow = Filter(new PairFilters { AllowedSenders = [7] });
        Assert.True(allow.Evaluate(Msg.Text(1, "x").From(7)).Passes);
        Assert.True(allow.Evaluate(Msg.Text(2, "x").From(null, 7)).Passes);
        Assert.False(allow.Evaluate(Msg.Text(3, "x").From(8)).Passes);

        var block = Filter(new PairFilters { BlockedSenders = [8] });
        Assert.False(block.Evaluate(Msg.Text(4, "x").From(8)).Passes);
        Assert.True(block.Evaluate(Msg.Text(5, "x").From(9)).Passes);
    }

    [Fact]
    public void Forwarded_messages_are_skipped_when_asked()
    {
        var filter = Filter(new PairFilters { SkipForwarded = true });
        Assert.False(filter.Evaluate(Msg.Text(1, "x") with { IsForwarded = true }).Passes);
        Assert.True(filter.Evaluate(Msg.Text(2, "x")).Passes);
    }
}

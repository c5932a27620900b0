using Cluster.AdminBot.Campaigns;

namespace Cluster.AdminBot.Tests.Handlers;

/// <summary>The post a campaign copies, read from the links operators paste: Telegram's "Copy link" forms, short forms,
/// albums as lists or ranges, and everything else refused with the reason.</summary>
public sealed class PostLinkParserTests
{
    [Theory]
    [InlineData("https://t.me/shop_news/123", "@shop_news", "123")]
    [InlineData("t.me/shop_news/123?single", "@shop_news", "123")]
    [InlineData("http://telegram.me/shop_news/7/", "@shop_news", "7")]
    [InlineData("https://t.me/c/1234567890/55", "-1001234567890", "55")]
    [InlineData("https://t.me/shop_news/125,123,124", "@shop_news", "123,124,125")]
    [InlineData("https://t.me/shop_news/10-12", "@shop_news", "10,11,12")]
    [InlineData("@shop_news/5", "@shop_news", "5")]
    [InlineData("-1001234567890/9", "-1001234567890", "9")]
    public void Links_and_short_forms_name_the_chat_and_the_messages(string text, string chat, string ids)
    {
        Assert.True(PostLinkParser.TryParse(text, out var post, out var error), error);
        Assert.Equal(chat, post!.Chat);
        Assert.Equal(ids, string.Join(',', post.MessageIds));
        Assert.True(PostLinkParser.LooksLikeLink(text));
    }

    [Theory]
    [InlineData("https://t.me/shop_news", "is not a message link")]
    [InlineData("https://example.com/shop_news/5", "is not a message link")]
    [InlineData("https://t.me/shop_news/0", "'0' is not a message id")]
    [InlineData("https://t.me/shop_news/9-3", "'9-3' is not a range of at most 10 ids")]
    [InlineData("https://t.me/shop_news/1-11", "'1-11' is not a range of at most 10 ids")]
    [InlineData("https://t.me/shop_news/1,500", "too far apart to be one album")]
    [InlineData("https://t.me/shop_news/1,2,3,4,5,6,7,8,9,10,11", "1-10 different message ids")]
    [InlineData("Big sale today", "is not a message link")]
    public void Anything_else_is_refused_with_the_reason(string text, string expected)
    {
        Assert.False(PostLinkParser.TryParse(text, out var post, out var error));
        Assert.Null(post);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("Big sale today")]
    [InlineData("Visit t.me/shop_news/5 for deals")]
    [InlineData("")]
    public void A_text_that_is_no_link_or_only_mentions_one_is_not_taken_for_a_post(string text)
        => Assert.False(PostLinkParser.LooksLikeLink(text));
}

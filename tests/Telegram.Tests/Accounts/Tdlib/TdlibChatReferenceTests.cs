using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

public sealed class TdlibChatReferenceTests
{
    [Theory]
    [InlineData("@durov", "durov")]
    [InlineData("durov", "durov")]
    [InlineData(" https://t.me/telegram ", "telegram")]
    [InlineData("t.me/some_channel/", "some_channel")]
    public void Usernames_are_found_in_every_form(string reference, string username)
    {
        var parsed = TdlibChatReference.Parse(reference);

        Assert.Equal(TdlibChatReferenceKind.Username, parsed.Kind);
        Assert.Equal(username, parsed.Value);
    }

    [Theory]
    [InlineData("https://t.me/+AbCd_-12", "https://t.me/+AbCd_-12")]
    [InlineData("https://t.me/joinchat/AbCd12", "https://t.me/+AbCd12")]
    [InlineData("t.me/+xyz", "https://t.me/+xyz")]
    [InlineData("tg://join?invite=xyz", "https://t.me/+xyz")]
    public void Invite_links_are_normalised(string reference, string link)
    {
        var parsed = TdlibChatReference.Parse(reference);

        Assert.Equal(TdlibChatReferenceKind.InviteLink, parsed.Kind);
        Assert.Equal(link, parsed.Value);
    }

    [Theory]
    [InlineData("-1001234567890", -1001234567890)]
    [InlineData("42", 42)]
    public void Numbers_are_chat_ids(string reference, long id)
    {
        var parsed = TdlibChatReference.Parse(reference);

        Assert.Equal(TdlibChatReferenceKind.ChatId, parsed.Kind);
        Assert.Equal(id, parsed.ChatId);
    }

    [Theory]
    [InlineData("not a name")]
    [InlineData("@a")]
    [InlineData("https://example.org/x")]
    public void Anything_else_is_refused_with_a_message(string reference)
    {
        var ex = Assert.Throws<ArgumentException>(() => TdlibChatReference.Parse(reference));
        Assert.Contains("not a chat id, a username or an invite link", ex.Message);
    }
}

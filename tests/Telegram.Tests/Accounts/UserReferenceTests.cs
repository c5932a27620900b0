using Cluster.Telegram.Accounts;

namespace Cluster.Telegram.Tests.Accounts;

public sealed class UserReferenceTests
{
    [Theory]
    [InlineData("123456789", UserReferenceKind.UserId, "123456789")]
    [InlineData("@Alice_1", UserReferenceKind.Username, "@Alice_1")]
    [InlineData("alice_1", UserReferenceKind.Username, "@alice_1")]
    [InlineData("https://t.me/alice_1", UserReferenceKind.Username, "@alice_1")]
    [InlineData("+1 (555) 010-0200", UserReferenceKind.Phone, "+15550100200")]
    [InlineData("+15550100200", UserReferenceKind.Phone, "+15550100200")]
    public void References_are_read_in_their_canonical_form(string text, UserReferenceKind kind, string canonical)
    {
        var reference = UserReference.Parse(text);
        Assert.Equal((kind, canonical), (reference.Kind, reference.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-5", "is not a phone number")]
    [InlineData("+12", "is not a phone number")]
    [InlineData("@ab", "is not a user id, @username or phone number")]
    [InlineData("not a user!", "is not a user id, @username or phone number")]
    public void Bad_references_say_why(string text, string why)
    {
        Assert.False(UserReference.TryParse(text, out _, out var error));
        Assert.Contains(why, error);
    }
}

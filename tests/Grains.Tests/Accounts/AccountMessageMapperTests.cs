using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Accounts;
using Cluster.Telegram.Accounts;

namespace Cluster.Grains.Tests.Accounts;

public class AccountMessageMapperTests
{
    [Fact]
    public void Account_message_becomes_a_source_message_with_album_media_and_entities()
    {
        var date = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var message = new AccountMessage(-100, 7, 5, null, date, null,
            new FormattedText("hi", [new TextEntity(0, 2, "bold")]), MediaKind.Photo, "file", 99, false, true);
        var source = AccountMessageMapper.ToSource(message);
        Assert.Equal((-100L, 7L, 99L, MessageMediaKind.Photo, true), (source.ChatId, source.Id, source.MediaAlbumId, source.Media, source.IsForwarded));
        Assert.Equal([new MessageEntity(0, 2, "bold")], source.Text.Entities);
    }

    [Fact]
    public void Every_port_media_kind_has_a_grain_kind_of_the_same_name()
    {
        foreach (var kind in Enum.GetValues<MediaKind>())
            Assert.Equal(kind.ToString(), AccountMessageMapper.ToGrain(kind).ToString());
    }

    [Fact]
    public void Grain_text_goes_back_to_the_port_unchanged()
    {
        var text = new MessageText("x y", [new MessageEntity(2, 1, "text_link", "https://e.org")]);
        var port = AccountMessageMapper.ToPort(text);
        Assert.Equal(text, AccountMessageMapper.ToGrain(port) with { Entities = text.Entities });
        Assert.Equal("https://e.org", port.Entities[0].Url);
    }
}

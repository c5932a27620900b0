using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Forwarding;

public class AlbumAssemblerTests
{
    [Fact]
    public void Albums_are_grouped_and_placed_where_they_started()
    {
        var units = AlbumAssembler.Group([
            Msg.Text(1, "a"),
            Msg.Media(3, MessageMediaKind.Photo, album: 7),
            Msg.Media(2, MessageMediaKind.Photo, "caption", album: 7),
            Msg.Text(4, "b"),
            Msg.Media(5, MessageMediaKind.Video, album: 8),
        ]);
        Assert.Equal([[1], [2, 3], [4], [5]], units.Select(u => u.Select(m => m.Id).ToArray()).ToArray());
    }

    [Fact]
    public void A_message_seen_twice_in_an_album_is_kept_once()
    {
        var photo = Msg.Media(2, MessageMediaKind.Photo, album: 7);
        var units = AlbumAssembler.Group([photo, photo]);
        Assert.Single(Assert.Single(units));
    }

    [Fact]
    public void A_full_page_holds_back_a_trailing_album_for_the_next_page()
    {
        var page = new[] { Msg.Text(10, "a"), Msg.Text(11, "b"), Msg.Media(12, MessageMediaKind.Photo, album: 5) };
        var (units, nextAfter) = AlbumAssembler.GroupPage(page, pageIsFull: true, afterId: 9);
        Assert.Equal(2, units.Count);
        Assert.Equal(11, nextAfter);
    }

    [Fact]
    public void A_short_page_uses_everything()
    {
        var page = new[] { Msg.Text(10, "a"), Msg.Media(12, MessageMediaKind.Photo, album: 5) };
        var (units, nextAfter) = AlbumAssembler.GroupPage(page, pageIsFull: false, afterId: 9);
        Assert.Equal(2, units.Count);
        Assert.Equal(12, nextAfter);
    }

    [Fact]
    public void An_empty_page_keeps_the_position()
    {
        var (units, nextAfter) = AlbumAssembler.GroupPage([], pageIsFull: false, afterId: 9);
        Assert.Empty(units);
        Assert.Equal(9, nextAfter);
    }
}

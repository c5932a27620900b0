using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

public sealed class TdlibAlbumBufferTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

    private static AccountMessage Msg(long id, long album = 0, long chat = -100) =>
        new(chat, id, 1, null, T0, null, FormattedText.Plain($"m{id}"), album == 0 ? MediaKind.None : MediaKind.Photo, null, album, false, false);

    [Fact]
    public void A_message_outside_an_album_is_emitted_at_once()
    {
        var buffer = new TdlibAlbumBuffer(Delay);

        var ready = buffer.Add(Msg(1), T0);

        Assert.Equal([1L], Assert.Single(ready).Messages.Select(m => m.Id));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Album_parts_are_held_until_the_quiet_time_passes_then_emitted_together_in_id_order()
    {
        var buffer = new TdlibAlbumBuffer(Delay);

        Assert.Empty(buffer.Add(Msg(11, album: 7), T0));
        Assert.Empty(buffer.Add(Msg(10, album: 7), T0.AddMilliseconds(100)));
        Assert.Null(buffer.FlushIfDue(T0.AddMilliseconds(550)));
        var album = buffer.FlushIfDue(T0.AddMilliseconds(600));

        Assert.NotNull(album);
        Assert.Equal(-100, album.ChatId);
        Assert.Equal([10L, 11L], album.Messages.Select(m => m.Id));
        Assert.Null(buffer.DueAt);
    }

    [Fact]
    public void Another_message_flushes_the_held_album_first_so_order_is_kept()
    {
        var buffer = new TdlibAlbumBuffer(Delay);
        buffer.Add(Msg(1, album: 7), T0);
        buffer.Add(Msg(2, album: 7), T0);

        var ready = buffer.Add(Msg(3), T0);

        Assert.Equal(2, ready.Count);
        Assert.Equal([1L, 2L], ready[0].Messages.Select(m => m.Id));
        Assert.Equal([3L], ready[1].Messages.Select(m => m.Id));
    }

    [Fact]
    public void A_new_album_flushes_the_previous_one()
    {
        var buffer = new TdlibAlbumBuffer(Delay);
        buffer.Add(Msg(1, album: 7), T0);

        var ready = buffer.Add(Msg(2, album: 8), T0);

        Assert.Equal([1L], Assert.Single(ready).Messages.Select(m => m.Id));
        Assert.Equal([2L], buffer.Flush()!.Messages.Select(m => m.Id));
    }

    [Fact]
    public void Same_album_id_in_another_chat_is_another_album()
    {
        var buffer = new TdlibAlbumBuffer(Delay);
        buffer.Add(Msg(1, album: 7, chat: -100), T0);

        var ready = buffer.Add(Msg(1, album: 7, chat: -200), T0);

        Assert.Equal(-100, Assert.Single(ready).ChatId);
    }

    [Fact]
    public void Ten_parts_complete_an_album_without_waiting()
    {
        var buffer = new TdlibAlbumBuffer(Delay);
        IReadOnlyList<NewMessagesUpdate> ready = [];
        for (var i = 1; i <= TdlibAlbumBuffer.MaxAlbumSize; i++)
        {
            ready = buffer.Add(Msg(i, album: 7), T0);
        }

        Assert.Equal(10, Assert.Single(ready).Messages.Count);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Each_part_restarts_the_quiet_time()
    {
        var buffer = new TdlibAlbumBuffer(Delay);
        buffer.Add(Msg(1, album: 7), T0);
        buffer.Add(Msg(2, album: 7), T0.AddMilliseconds(400));

        Assert.Equal(T0.AddMilliseconds(900), buffer.DueAt);
    }
}

using Cluster.TelegramSim.World;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.TelegramSim.Tests.Contract;

/// <summary>Uploads through Telegram.Bot: every media kind from a stream (multipart/form-data, the file in a part that the
/// field points to with attach://), then again by the file id the answer gave (a JSON body); albums from streams. Each kind
/// must come back as itself, never as a document.</summary>
public sealed class TelegramBotUploadTests
{
    public static TheoryData<string> Kinds => ["photo", "document", "audio", "voice", "video", "animation", "sticker", "video_note"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_media_kind_uploads_from_a_stream_and_travels_as_itself(string kind)
    {
        await using var c = await ContractWorld.StartAsync();
        var bytes = Enumerable.Range(0, 1000 + kind.Length).Select(i => (byte)i).ToArray();
        var (fileName, expected) = Expected(kind);

        using var stream = new MemoryStream(bytes);
        var sent = await Send(c.Client, c.Group.Id, kind, InputFile.FromStream(stream, fileName), caption: kind == "sticker" || kind == "video_note" ? null : "a " + kind);
        var request = c.Recorder.Requests.Last();
        Assert.Equal("multipart/form-data", request.MediaType);
        Assert.Contains("attach://0", request.Body);

        var (fileId, size) = FileOf(sent, kind);
        Assert.Equal(bytes.Length, size);
        Assert.Equal(expected, c.World.GetMessage(c.Group.Id, sent.MessageId)!.Media!.Kind);
        if (kind is not ("animation" or "document")) Assert.Null(sent.Document);
        if (kind is not ("sticker" or "video_note")) Assert.Equal("a " + kind, sent.Caption);

        // The same file again by its id: no upload, a JSON body, the same kind.
        var again = await Send(c.Client, c.Group.Id, kind, InputFile.FromFileId(fileId), caption: null);
        Assert.Equal("application/json", c.Recorder.Requests.Last().MediaType);
        Assert.Equal(fileId, FileOf(again, kind).FileId);
    }

    [Fact]
    public async Task An_album_of_photos_and_videos_uploads_from_streams()
    {
        await using var c = await ContractWorld.StartAsync();
        using var one = new MemoryStream(new byte[1234]);
        using var two = new MemoryStream(new byte[2345]);
        using var three = new MemoryStream(new byte[3456]);
        var album = await c.Client.SendMediaGroup(c.Group.Id,
        [
            new InputMediaPhoto(InputFile.FromStream(one, "one.jpg")) { Caption = "<i>three</i> of them", ParseMode = ParseMode.Html },
            new InputMediaVideo(InputFile.FromStream(two, "two.mp4")),
            new InputMediaPhoto(InputFile.FromStream(three, "three.jpg")) { HasSpoiler = true },
        ]);
        Assert.Equal("multipart/form-data", c.Recorder.Last("sendMediaGroup").MediaType);
        Assert.Equal(3, album.Length);
        Assert.Single(album.Select(m => m.MediaGroupId).Distinct());
        Assert.NotNull(album[0].MediaGroupId);
        Assert.Equal("three of them", album[0].Caption);
        Assert.Equal(1234, album[0].Photo![^1].FileSize);
        Assert.Equal(2345, album[1].Video!.FileSize);
        Assert.Equal(3456, album[2].Photo![^1].FileSize);
        Assert.True(album[2].HasMediaSpoiler);

        // By file id as JSON, mixed with a URL.
        var again = await c.Client.SendMediaGroup(c.Group.Id,
            [new InputMediaPhoto(album[0].Photo![^1].FileId), new InputMediaPhoto(InputFile.FromUri("https://example.com/4.jpg"))]);
        Assert.Equal("application/json", c.Recorder.Last("sendMediaGroup").MediaType);
        Assert.Equal(album[0].Photo![^1].FileId, again[0].Photo![^1].FileId);
    }

    [Fact]
    public async Task Albums_of_documents_and_of_audio_upload_and_refuse_mixing()
    {
        await using var c = await ContractWorld.StartAsync();
        var documents = await c.Client.SendMediaGroup(c.Group.Id,
            [new InputMediaDocument(InputFile.FromStream(new MemoryStream(new byte[10]), "a.pdf")), new InputMediaDocument(InputFile.FromStream(new MemoryStream(new byte[20]), "b.pdf"))]);
        Assert.Equal(["a.pdf", "b.pdf"], documents.Select(m => m.Document!.FileName));
        var audio = await c.Client.SendMediaGroup(c.Group.Id,
            [new InputMediaAudio(InputFile.FromStream(new MemoryStream(new byte[30]), "a.mp3")), new InputMediaAudio(InputFile.FromStream(new MemoryStream(new byte[40]), "b.mp3"))]);
        Assert.All(audio, m => Assert.NotNull(m.Audio));
        Assert.All(audio, m => Assert.Null(m.Document));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => c.Client.SendMediaGroup(c.Group.Id,
            [new InputMediaDocument(InputFile.FromStream(new MemoryStream(new byte[10]), "a.pdf")), new InputMediaPhoto(InputFile.FromStream(new MemoryStream(new byte[10]), "b.jpg"))]));
        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: document can't be mixed with other media types", error.Message);
    }

    private static (string FileName, SimMediaKind Kind) Expected(string kind) => kind switch
    {
        "photo" => ("p.jpg", SimMediaKind.Photo),
        "document" => ("report.pdf", SimMediaKind.Document),
        "audio" => ("song.mp3", SimMediaKind.Audio),
        "voice" => ("note.ogg", SimMediaKind.Voice),
        "video" => ("clip.mp4", SimMediaKind.Video),
        "animation" => ("loop.gif", SimMediaKind.Animation),
        "sticker" => ("sticker.webp", SimMediaKind.Sticker),
        _ => ("round.mp4", SimMediaKind.VideoNote),
    };

    private static Task<Message> Send(ITelegramBotClient client, long chat, string kind, InputFile file, string? caption) => kind switch
    {
        "photo" => client.SendPhoto(chat, file, caption),
        "document" => client.SendDocument(chat, file, caption),
        "audio" => client.SendAudio(chat, file, caption),
        "voice" => client.SendVoice(chat, file, caption),
        "video" => client.SendVideo(chat, file, caption),
        "animation" => client.SendAnimation(chat, file, caption),
        "sticker" => client.SendSticker(chat, file),
        _ => client.SendVideoNote(chat, file),
    };

    private static (string FileId, long? Size) FileOf(Message m, string kind) => kind switch
    {
        "photo" => (m.Photo![^1].FileId, m.Photo[^1].FileSize),
        "document" => (m.Document!.FileId, m.Document.FileSize),
        "audio" => (m.Audio!.FileId, m.Audio.FileSize),
        "voice" => (m.Voice!.FileId, m.Voice.FileSize),
        "video" => (m.Video!.FileId, m.Video.FileSize),
        "animation" => (m.Animation!.FileId, m.Animation.FileSize),
        "sticker" => (m.Sticker!.FileId, m.Sticker.FileSize),
        _ => (m.VideoNote!.FileId, m.VideoNote.FileSize),
    };
}

namespace Cluster.TelegramSim.World;

public sealed partial class SimWorld
{
    /// <summary>The largest file the Bot API lets a bot download (getFile refuses bigger ones), as Telegram's cloud Bot API.</summary>
    public const long MaxBotDownloadBytes = 20 * 1024 * 1024;

    /// <summary>getFile: the file's download path (<c>documents/file_N.csv</c>, stable per file), refusing unknown file ids and
    /// files over <see cref="MaxBotDownloadBytes"/> as Telegram does.</summary>
    internal (SimMedia Media, string FilePath) BotGetFile(string fileId)
    {
        lock (_sync)
        {
            if (!_files.TryGetValue(fileId, out var media)) throw SimErrors.WrongFileId();
            if (media.FileSize > MaxBotDownloadBytes) throw SimErrors.BadRequest("file is too big");
            if (!_filePaths.ContainsKey(fileId))
            {
                var extension = Path.GetExtension(media.FileName ?? "");
                var path = $"{Folder(media.Kind)}/file_{_filePaths.Count}{(extension.Length is > 1 and <= 10 ? extension : "")}";
                _filePaths[fileId] = path;
                _filesByPath[path] = fileId;
            }
            return (media, _filePaths[fileId]);
        }
    }

    /// <summary>The bytes behind a path getFile gave out, or null for an unknown path. A file registered without content (media
    /// the simulator made up) reads as zeros of its declared size.</summary>
    internal byte[]? ReadFile(string filePath)
    {
        lock (_sync)
        {
            if (!_filesByPath.TryGetValue(filePath, out var fileId) || !_files.TryGetValue(fileId, out var media)) return null;
            return _fileContents.TryGetValue(fileId, out var content) ? content : new byte[media.FileSize];
        }
    }

    private static string Folder(SimMediaKind kind) => kind switch
    {
        SimMediaKind.Photo => "photos",
        SimMediaKind.Video => "videos",
        SimMediaKind.Audio => "music",
        SimMediaKind.Voice => "voice",
        SimMediaKind.Animation => "animations",
        SimMediaKind.Sticker => "stickers",
        SimMediaKind.VideoNote => "video_notes",
        _ => "documents",
    };
}

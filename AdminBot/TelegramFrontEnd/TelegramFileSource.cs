using Cluster.AdminBot.Commands;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Cluster.AdminBot.TelegramFrontEnd;

/// <summary>Reads a sent file through the admin bot's own Bot API client: getFile for its path, then the download, stopped as
/// soon as it passes the cap (Telegram's declared size is checked first, but not trusted). A Bot API failure comes out as an
/// <see cref="IOException"/> saying what went wrong (never with the token: the download URL is not part of it).</summary>
public sealed class TelegramFileSource(ITelegramBotClient bot) : IAdminFileSource
{
    public async Task<byte[]> ReadAsync(AdminDocument document, long maxBytes, CancellationToken cancellationToken)
    {
        if (document.Size > maxBytes) throw new AdminFileTooLargeException(maxBytes);
        TGFile file;
        try
        {
            file = await bot.GetFile(document.FileId, cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("too big", StringComparison.OrdinalIgnoreCase))
        {
            throw new AdminFileTooLargeException(maxBytes); // over the Bot API's own download limit (20 MB)
        }
        catch (RequestException e)
        {
            throw new IOException($"Telegram did not give the file (getFile: {e.Message}).", e);
        }
        if (file.FileSize > maxBytes) throw new AdminFileTooLargeException(maxBytes);
        if (string.IsNullOrEmpty(file.FilePath)) throw new IOException("Telegram gave no download path for the file.");
        using var buffer = new CappedBuffer(maxBytes);
        try
        {
            await bot.DownloadFile(file.FilePath, buffer, cancellationToken);
        }
        catch (RequestException e) when (e.InnerException is AdminFileTooLargeException tooLarge)
        {
            throw tooLarge; // Telegram.Bot wraps what the destination stream throws
        }
        catch (RequestException e)
        {
            throw new IOException($"The download of the file failed: {e.Message}", e);
        }
        return buffer.ToArray();
    }

    /// <summary>A write-only memory stream that refuses to grow past its cap.</summary>
    private sealed class CappedBuffer(long maxBytes) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override void WriteByte(byte value)
        {
            Check(1);
            base.WriteByte(value);
        }

        private void Check(int count)
        {
            if (Length + count > maxBytes) throw new AdminFileTooLargeException(maxBytes);
        }
    }
}

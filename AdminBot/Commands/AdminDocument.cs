namespace Cluster.AdminBot.Commands;

/// <summary>A file an admin sent to the bot, as Telegram describes it (its bytes are fetched on demand through
/// <see cref="IAdminFileSource"/>). <see cref="Size"/>, <see cref="FileName"/> and <see cref="MimeType"/> are what the sender's
/// client declared and may be missing.</summary>
public sealed record AdminDocument(string FileId, string? FileName, string? MimeType, long? Size)
{
    /// <summary>How the document is named in replies: its file name, or "the file".</summary>
    public string Label => string.IsNullOrWhiteSpace(FileName) ? "the file" : $"'{FileName}'";
}

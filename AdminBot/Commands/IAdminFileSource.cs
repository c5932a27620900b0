namespace Cluster.AdminBot.Commands;

/// <summary>Reads the content of a file an admin sent (<see cref="AdminDocument"/>). Only the Telegram front end registers one.</summary>
public interface IAdminFileSource
{
    /// <summary>The file's bytes; throws <see cref="AdminFileTooLargeException"/> when it has more than <paramref name="maxBytes"/>
    /// (without reading further than that).</summary>
    Task<byte[]> ReadAsync(AdminDocument document, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>A sent file is larger than the reader accepts.</summary>
public sealed class AdminFileTooLargeException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

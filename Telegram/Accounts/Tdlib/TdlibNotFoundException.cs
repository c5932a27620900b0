namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>libtdjson could not be found or loaded. The message lists the places searched and how to
/// install the library (<c>bash tools/install-tdlib.sh</c>, or point TDJSON_PATH at the file).</summary>
public sealed class TdlibNotFoundException(string message, Exception? inner = null) : DllNotFoundException(message, inner)
{
    /// <summary>What a person should do to make the library available.</summary>
    public const string InstallHint =
        "Install it with `bash tools/install-tdlib.sh` (from the repository root; it prints the library path), " +
        "or set the environment variable TDJSON_PATH (or the setting Telegram:Tdlib:LibraryPath) to the path of libtdjson.so.";
}

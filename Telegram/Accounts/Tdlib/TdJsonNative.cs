using System.Runtime.InteropServices;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>The four functions of TDLib's JSON interface (td_json_client.h), bound by P/Invoke.
/// The library file is found by <see cref="TdJsonLibrary"/>'s import resolver; strings are UTF-8.</summary>
internal static partial class TdJsonNative
{
    [LibraryImport(TdJsonLibrary.ImportName, EntryPoint = "td_create_client_id")]
    internal static partial int CreateClientId();

    [LibraryImport(TdJsonLibrary.ImportName, EntryPoint = "td_send", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Send(int clientId, string request);

    // The returned string belongs to TDLib and stays valid only until the next td_receive call,
    // so it is returned as a pointer and copied at once by the single receive thread.
    [LibraryImport(TdJsonLibrary.ImportName, EntryPoint = "td_receive")]
    internal static partial IntPtr Receive(double timeoutSeconds);

    // Valid until the next td_execute call on the same thread: copied at once by the caller.
    [LibraryImport(TdJsonLibrary.ImportName, EntryPoint = "td_execute", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr Execute(string request);
}

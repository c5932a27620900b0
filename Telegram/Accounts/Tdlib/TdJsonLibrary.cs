using System.Reflection;
using System.Runtime.InteropServices;

namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Loads TDLib's JSON library once per process and answers synchronous requests (td_execute).
/// The P/Invoke declarations name <see cref="ImportName"/>; the resolver registered here maps it to the file found.</summary>
public static class TdJsonLibrary
{
    internal const string ImportName = "tdjson";

    private static readonly Lock Gate = new();
    private static string? configuredPath;
    private static IntPtr handle;
    private static string? loadedPath;

    static TdJsonLibrary()
    {
        NativeLibrary.SetDllImportResolver(typeof(TdJsonLibrary).Assembly, Resolve);
    }

    /// <summary>The path of the loaded library, or null before <see cref="EnsureLoaded"/>.</summary>
    public static string? LoadedPath => loadedPath;

    /// <summary>Sets the path to load (setting Telegram:Tdlib:LibraryPath). Effective only before the
    /// library is loaded; the process keeps the first library it loaded.</summary>
    public static void Configure(string? libraryPath)
    {
        lock (Gate)
        {
            if (handle == IntPtr.Zero)
            {
                configuredPath = string.IsNullOrWhiteSpace(libraryPath) ? null : libraryPath;
            }
        }
    }

    /// <summary>Loads the library if needed and returns its path. Throws <see cref="TdlibNotFoundException"/>
    /// with the places searched and the install hint when it cannot be found or loaded.</summary>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (handle != IntPtr.Zero)
            {
                return loadedPath!;
            }
            var path = TdJsonLocator.Locate(
                configuredPath,
                Environment.GetEnvironmentVariable(TdJsonLocator.EnvironmentVariable),
                TdJsonLocator.DefaultStartDirectories(),
                out var searched);
            var target = path ?? "libtdjson.so";
            try
            {
                handle = NativeLibrary.Load(target);
            }
            catch (DllNotFoundException ex)
            {
                var places = string.Join(", ", searched.Take(12)) + (searched.Count > 12 ? ", ..." : "");
                throw new TdlibNotFoundException(path is null
                    ? $"libtdjson (TDLib's JSON library) was not found. Searched: {places}, and the system library path. {TdlibNotFoundException.InstallHint}"
                    : $"libtdjson at {path} could not be loaded: {ex.Message}. {TdlibNotFoundException.InstallHint}", ex);
            }
            loadedPath = path ?? target;
            return loadedPath;
        }
    }

    /// <summary>Runs a request that TDLib can answer synchronously (e.g. getTextEntities,
    /// parseTextEntities, setLogVerbosityLevel) and returns TDLib's JSON answer.</summary>
    public static string Execute(string requestJson)
    {
        EnsureLoaded();
        var result = TdJsonNative.Execute(requestJson);
        return result == IntPtr.Zero
            ? throw new InvalidOperationException("td_execute returned nothing: the request is not valid JSON or not an object.")
            : Marshal.PtrToStringUTF8(result) ?? string.Empty;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != ImportName)
        {
            return IntPtr.Zero;
        }
        EnsureLoaded();
        return handle;
    }
}

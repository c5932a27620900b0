namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>Finds the libtdjson file: the configured path, then TDJSON_PATH, then the folder the install
/// script fills (tools/tdlib/...) or a node_modules folder above the application or the current directory.</summary>
internal static class TdJsonLocator
{
    /// <summary>The environment variable that names the library file.</summary>
    public const string EnvironmentVariable = "TDJSON_PATH";

    /// <summary>Where npm puts the library of the prebuilt-tdlib package, relative to node_modules' parent.</summary>
    public const string NodeModulesRelativePath = "node_modules/@prebuilt-tdlib/linux-x64-glibc/libtdjson.so";

    /// <summary>Where tools/install-tdlib.sh installs the library, relative to the repository root.</summary>
    public const string InstallRelativePath = "tools/tdlib/" + NodeModulesRelativePath;

    /// <summary>Returns the library path to load, or null to let the operating system search for
    /// libtdjson.so. An explicitly named path (setting or variable) that does not exist is an error,
    /// not a reason to fall back: a typo must not silently load another build.</summary>
    public static string? Locate(string? configuredPath, string? environmentPath, IEnumerable<string> startDirectories, out IReadOnlyList<string> searched)
    {
        var tried = new List<string>();
        searched = tried;
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath);
            tried.Add(full);
            return File.Exists(full)
                ? full
                : throw new TdlibNotFoundException($"libtdjson not found at {full} (setting Telegram:Tdlib:LibraryPath). {TdlibNotFoundException.InstallHint}");
        }
        if (!string.IsNullOrWhiteSpace(environmentPath))
        {
            var full = Path.GetFullPath(environmentPath);
            tried.Add(full);
            return File.Exists(full)
                ? full
                : throw new TdlibNotFoundException($"libtdjson not found at {full} (environment variable {EnvironmentVariable}). {TdlibNotFoundException.InstallHint}");
        }
        foreach (var start in startDirectories.Where(d => !string.IsNullOrWhiteSpace(d)).Select(Path.GetFullPath).Distinct())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var relative in new[] { InstallRelativePath, NodeModulesRelativePath })
                {
                    var candidate = Path.Combine(dir.FullName, relative);
                    tried.Add(candidate);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>The directories searched upward by default: the application's and the current one.</summary>
    public static IEnumerable<string> DefaultStartDirectories() => [AppContext.BaseDirectory, Environment.CurrentDirectory];
}

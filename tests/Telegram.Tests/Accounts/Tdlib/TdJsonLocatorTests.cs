using Cluster.Telegram.Accounts.Tdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

public sealed class TdJsonLocatorTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("tdjson-locator-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Missing_configured_library_says_which_setting_and_how_to_install()
    {
        var path = Path.Combine(root, "nope", "libtdjson.so");

        var ex = Assert.Throws<TdlibNotFoundException>(() => TdJsonLocator.Locate(path, null, [root], out _));

        Assert.Contains(path, ex.Message);
        Assert.Contains("Telegram:Tdlib:LibraryPath", ex.Message);
        Assert.Contains("bash tools/install-tdlib.sh", ex.Message);
        Assert.Contains("TDJSON_PATH", ex.Message);
    }

    [Fact]
    public void Missing_library_named_by_the_environment_variable_is_an_error_not_a_fallback()
    {
        var ex = Assert.Throws<TdlibNotFoundException>(() => TdJsonLocator.Locate(null, Path.Combine(root, "x.so"), [root], out _));

        Assert.Contains("TDJSON_PATH", ex.Message);
        Assert.Contains("bash tools/install-tdlib.sh", ex.Message);
    }

    [Fact]
    public void The_install_location_is_found_from_a_folder_below_the_repository_root()
    {
        var lib = Path.Combine(root, TdJsonLocator.InstallRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
        File.WriteAllText(lib, "");
        var deep = Directory.CreateDirectory(Path.Combine(root, "tests", "X", "bin", "Debug", "net10.0")).FullName;

        Assert.Equal(lib, TdJsonLocator.Locate(null, null, [deep], out _));
    }

    [Fact]
    public void A_node_modules_folder_above_the_app_is_found_too()
    {
        var lib = Path.Combine(root, TdJsonLocator.NodeModulesRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(lib)!);
        File.WriteAllText(lib, "");

        Assert.Equal(lib, TdJsonLocator.Locate(null, null, [Path.Combine(root, "app")], out _));
    }

    [Fact]
    public void Nothing_found_leaves_the_search_to_the_system_and_lists_the_places_tried()
    {
        var found = TdJsonLocator.Locate(null, null, [root], out var searched);

        Assert.Null(found);
        Assert.Contains(Path.Combine(root, TdJsonLocator.InstallRelativePath), searched);
    }

    [Fact]
    public void Not_found_exception_message_carries_the_install_hint()
    {
        Assert.Contains("bash tools/install-tdlib.sh", TdlibNotFoundException.InstallHint);
        Assert.Contains("TDJSON_PATH", TdlibNotFoundException.InstallHint);
    }
}

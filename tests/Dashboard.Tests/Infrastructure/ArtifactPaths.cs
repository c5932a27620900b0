namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>Where test artefacts (screenshots) go: the folder in <c>TEST_ARTIFACTS</c> if set, else <c>TestResults/</c>
/// at the repository root (the folder tools/test.sh collects).</summary>
internal static class ArtifactPaths
{
    /// <summary>The repository's root (the folder of Cluster.sln above the tests' binaries), or null when they run elsewhere.</summary>
    public static string? RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cluster.sln"))) directory = directory.Parent;
            return directory?.FullName;
        }
    }

    public static string For(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("TEST_ARTIFACTS");
        if (string.IsNullOrWhiteSpace(folder)) folder = Path.Combine(RepositoryRoot ?? Path.GetTempPath(), "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(Path.GetFullPath(folder), fileName);
    }
}

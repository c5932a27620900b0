namespace Cluster.Dashboard.Tests.Infrastructure;

/// <summary>Where test artefacts (screenshots) go: the folder in <c>TEST_ARTIFACTS</c> if set, else <c>TestResults/</c>
/// at the repository root (the folder tools/test.sh collects).</summary>
internal static class ArtifactPaths
{
    public static string For(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("TEST_ARTIFACTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cluster.sln"))) directory = directory.Parent;
            folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "TestResults");
        }
        Directory.CreateDirectory(folder);
        return Path.Combine(Path.GetFullPath(folder), fileName);
    }
}

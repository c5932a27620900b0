namespace Cluster.Deployment.Tests;

/// <summary>Finds files of the repository the tests were built from (the folder holding Cluster.sln), so the tests
/// read the manifests and Dockerfiles in the tree rather than copies in the output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root, from forward-slash separated parts.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Cluster.sln was not found above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

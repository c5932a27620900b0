using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>What the committed files under k8s/ must (not) contain, whatever an overlay renders: no Secret objects
/// with values, a secrets template without values, and the filled copies kept out of git.</summary>
[Trait("Category", "Deployment")]
public sealed class SourceManifestTests
{
    [Fact]
    public void No_committed_manifest_is_a_secret_with_values()
    {
        var yamlFiles = Directory.EnumerateFiles(RepositoryPaths.Of("k8s"), "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(yamlFiles);
        foreach (var file in yamlFiles)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            foreach (var document in stream.Documents)
            {
                Assert.False(document.RootNode.At("kind").Text() == "Secret",
                    $"{Path.GetRelativePath(RepositoryPaths.Root, file)} is a Secret: generate it from the uncommitted secrets.env or use an ExternalSecret");
                foreach (var generator in document.RootNode.At("secretGenerator").Items())
                    Assert.Empty(generator.At("literals").Items());
            }
        }
    }

    [Fact]
    public void Secrets_template_lists_keys_without_values()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Of("k8s/base/secrets.env.example"))
            .Where(l => !l.TrimStart().StartsWith('#') && !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.Contains(lines, l => l.StartsWith("session-encryption-key=", StringComparison.Ordinal));
        // The shared cluster secret of the runtime before Orleans is gone: the cluster certificate (Secret cluster-tls) replaced it.
        Assert.DoesNotContain(lines, l => l.StartsWith("cluster-secret=", StringComparison.Ordinal));
        foreach (var line in lines) Assert.EndsWith("=", line.Trim());
    }

    [Fact]
    public void Filled_secrets_files_are_ignored_by_git()
    {
        var ignore = File.ReadAllLines(RepositoryPaths.Of("k8s/.gitignore")).Select(l => l.Trim());
        Assert.Contains("secrets.env", ignore);
        var dockerIgnore = File.ReadAllLines(RepositoryPaths.Of(".dockerignore")).Select(l => l.Trim());
        Assert.Contains("**/secrets.env", dockerIgnore);
    }
}

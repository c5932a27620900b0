using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Cluster.Deployment.Tests;

/// <summary>The images' recipes (Docker cannot run on the build machine, so they are checked by reading): base images
/// pinned by tag, a non-root user, TDLib in the silo image where TDJSON_PATH says, and every project the build needs
/// copied into the build stage.</summary>
[Trait("Category", "Deployment")]
public sealed partial class DockerfileTests
{
    public static TheoryData<string, string> Images => new() { { "Silo/Dockerfile", "Silo/Silo.csproj" }, { "AdminBot/Dockerfile", "AdminBot/AdminBot.csproj" } };

    [Theory, MemberData(nameof(Images))]
    public void Dockerfile_exists_and_pins_every_base_image_by_a_tag_that_is_not_latest(string dockerfile, string project)
    {
        _ = project;
        var lines = ReadInstructions(dockerfile);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var froms = lines.Select(l => FromInstruction().Match(l)).Where(m => m.Success).ToList();
        Assert.NotEmpty(froms);
        foreach (var from in froms)
        {
            var image = from.Groups["image"].Value;
            if (!stages.Contains(image))
            {
                var lastPart = image[(image.LastIndexOf('/') + 1)..].Split('@')[0];
                var tag = lastPart.Contains(':') ? lastPart[(lastPart.IndexOf(':') + 1)..] : "";
                Assert.True(tag.Length > 0 && tag != "latest" && !tag.Contains('$'), $"{dockerfile}: FROM {image} is not pinned by a literal tag");
            }
            if (from.Groups["stage"].Success) stages.Add(from.Groups["stage"].Value);
        }
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", froms[^1].Groups["image"].Value);
    }

    [Theory, MemberData(nameof(Images))]
    public void Runtime_stage_runs_as_a_non_root_user(string dockerfile, string project)
    {
        _ = project;
        var lines = ReadInstructions(dockerfile);
        var lastFrom = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        var user = lines.Skip(lastFrom).LastOrDefault(l => l.StartsWith("USER ", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(user);
        var name = user["USER ".Length..].Trim();
        Assert.DoesNotContain(name, new[] { "root", "0", "0:0" });
    }

    [Theory, MemberData(nameof(Images))]
    public void Build_stage_copies_every_project_the_executable_references(string dockerfile, string project)
    {
        var text = string.Join('\n', ReadInstructions(dockerfile));
        Assert.Contains($"COPY {project} ", text);
        if (!File.Exists(RepositoryPaths.Of(project))) return; // written ahead of the project (AdminBot): nothing to follow yet
        foreach (var folder in ProjectFolders(project))
            Assert.True(text.Contains($"COPY {folder}/ {folder}/", StringComparison.Ordinal),
                $"{dockerfile} does not copy {folder}/, which {project} needs (through its project references)");
    }

    [Fact]
    public void Silo_image_carries_libtdjson_from_the_same_prebuilt_tdlib_as_the_install_script_and_points_TDJSON_PATH_at_it()
    {
        var text = string.Join('\n', ReadInstructions("Silo/Dockerfile"));
        var path = Regex.Match(text, @"TDJSON_PATH=(\S+)");
        Assert.True(path.Success, "Silo/Dockerfile does not set TDJSON_PATH");
        Assert.Matches($@"COPY --from=\S+ \S*libtdjson\.so {Regex.Escape(path.Groups[1].Value)}", text);
        var script = File.ReadAllText(RepositoryPaths.Of("tools/install-tdlib.sh"));
        var scriptVersion = Regex.Match(script, @"PREBUILT_TDLIB_VERSION:-([0-9.]+)").Groups[1].Value;
        var imageVersion = Regex.Match(text, @"ARG PREBUILT_TDLIB_VERSION=([0-9.]+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(scriptVersion));
        Assert.Equal(scriptVersion, imageVersion);
    }

    // The Dockerfile's instructions, one per line: comments dropped, continuation lines joined.
    private static List<string> ReadInstructions(string dockerfile)
    {
        var file = RepositoryPaths.Of(dockerfile);
        Assert.True(File.Exists(file), $"{dockerfile} is missing");
        var instructions = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\')) { current += line[..^1] + " "; continue; }
            instructions.Add(current + line);
            current = "";
        }
        return instructions;
    }

    // The top folders of a project and of every project it references, transitively.
    private static IEnumerable<string> ProjectFolders(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([RepositoryPaths.Of(project)]);
        while (pending.Count > 0)
        {
            var path = Path.GetFullPath(pending.Pop());
            var folder = Path.GetRelativePath(RepositoryPaths.Root, Path.GetDirectoryName(path)!).Replace('\\', '/');
            if (!seen.Add(folder)) continue;
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
                pending.Push(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value));
        }
        return seen;
    }

    [GeneratedRegex(@"^FROM\s+(?:--\S+\s+)*(?<image>\S+)(?:\s+AS\s+(?<stage>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromInstruction();
}

using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>Null-tolerant navigation of YamlDotNet's representation model, so tests read like the paths of the
/// Kubernetes API (`pod.At("spec", "containers")`) and a missing field is null rather than an exception.</summary>
public static class YamlNodeExtensions
{
    /// <summary>The node at a path of mapping keys; null if any step is missing or not a mapping.</summary>
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node)) return null;
        }
        return node;
    }

    /// <summary>The value of a scalar node; null for a missing or non-scalar node.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>The items of a sequence node; empty for a missing or non-sequence node.</summary>
    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>A mapping of scalars as a dictionary; empty for a missing node.</summary>
    public static IReadOnlyDictionary<string, string> AsStringMap(this YamlNode? node)
        => node is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => (p.Value as YamlScalarNode)?.Value ?? "")
            : new Dictionary<string, string>();
}

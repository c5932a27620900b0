using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>The objects of one rendered overlay, with look-ups by kind and name and the settings the silos get.</summary>
public sealed class RenderedManifests(IReadOnlyList<Manifest> all)
{
    /// <summary>Every rendered object.</summary>
    public IReadOnlyList<Manifest> All { get; } = all;

    public static RenderedManifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var manifests = stream.Documents
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .Select(root => new Manifest(root.At("kind").Text() ?? "", root.At("metadata", "name").Text() ?? "", root))
            .ToList();
        return new RenderedManifests(manifests);
    }

    public IEnumerable<Manifest> OfKind(string kind) => All.Where(m => m.Kind == kind);

    /// <summary>The object of that kind and name; fails naming what exists when it is missing.</summary>
    public Manifest Get(string kind, string name)
        => All.SingleOrDefault(m => m.Kind == kind && m.Name == name)
           ?? throw new Xunit.Sdk.XunitException($"No {kind}/{name} was rendered; rendered: {string.Join(", ", All)}.");

    /// <summary>The silo workload.</summary>
    public Manifest Silo => Get("Deployment", "silo");

    /// <summary>The silo container of the silo workload.</summary>
    public YamlNode SiloContainer => Silo.Container("silo");

    /// <summary>The setting a container sees under an environment variable name: its own env (literal values only),
    /// then the ConfigMaps it loads with envFrom (the last one wins, as in Kubernetes); null when unset.</summary>
    public string? Setting(YamlNode container, string name)
    {
        var own = container.At("env").Items().LastOrDefault(e => e.At("name").Text() == name);
        if (own is not null) return own.At("value").Text();
        string? found = null;
        foreach (var source in container.At("envFrom").Items())
        {
            var mapName = source.At("configMapRef", "name").Text();
            if (mapName is null) continue;
            var data = Get("ConfigMap", mapName).Root.At("data").AsStringMap();
            if (data.TryGetValue(name, out var value)) found = value;
        }
        return found;
    }
}

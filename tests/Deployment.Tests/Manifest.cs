using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>One rendered Kubernetes object: its kind, name and YAML tree, with the pod template of workloads.</summary>
public sealed record Manifest(string Kind, string Name, YamlMappingNode Root)
{
    private static readonly HashSet<string> WorkloadKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

    /// <summary>Whether this object runs pods from a template (Deployment, StatefulSet, ...).</summary>
    public bool IsWorkload => WorkloadKinds.Contains(Kind);

    /// <summary>spec of the pod template of a workload.</summary>
    public YamlNode PodSpec => Root.At("spec", "template", "spec") ?? throw new InvalidOperationException($"{this} has no spec.template.spec.");

    /// <summary>Labels of the pod template of a workload.</summary>
    public IReadOnlyDictionary<string, string> PodLabels => Root.At("spec", "template", "metadata", "labels").AsStringMap();

    /// <summary>Containers and init containers of a workload's pods.</summary>
    public IEnumerable<YamlNode> AllContainers => PodSpec.At("containers").Items().Concat(PodSpec.At("initContainers").Items());

    /// <summary>The container of this workload with the given name.</summary>
    public YamlNode Container(string name)
        => PodSpec.At("containers").Items().SingleOrDefault(c => c.At("name").Text() == name)
           ?? throw new InvalidOperationException($"{this} has no container '{name}'.");

    public override string ToString() => $"{Kind}/{Name}";
}

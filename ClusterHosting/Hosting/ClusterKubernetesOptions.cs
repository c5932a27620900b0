using Cluster.Hosting.Storage;
using Orleans.Hosting.Kubernetes;

namespace Cluster.Hosting.Hosting;

/// <summary>Whether the silo runs as a Kubernetes pod with Orleans' Kubernetes hosting
/// (<c>UseKubernetesHosting()</c>, package Microsoft.Orleans.Hosting.Kubernetes); bound from <c>Cluster:Kubernetes</c>.
/// <para>On, Orleans names the silo after its pod (<c>POD_NAME</c>), labels its own pod with the cluster and service ids
/// (<c>orleans/clusterId</c>, <c>orleans/serviceId</c>), and two of the silos watch the pods carrying those labels: a silo
/// whose pod was deleted is declared dead at once instead of after the missed probes, and at start a silo whose pod is
/// gone is declared dead too. It needs the downward-API variables <c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>,
/// the pod's service-account token and a Role granting <c>get</c>, <c>list</c>, <c>watch</c> and <c>patch</c> on pods
/// (k8s/base). Off (the default) everywhere else: a developer machine has no Kubernetes API.</para></summary>
public sealed class ClusterKubernetesOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster:Kubernetes";

    /// <summary>Use Orleans' Kubernetes hosting. Default false; the k8s manifests set it (<c>Cluster__Kubernetes__Enabled=true</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>The pod verbs Orleans' Kubernetes hosting uses (read its own pod, label it, list and watch the cluster's pods);
    /// the Role in k8s/base grants exactly these. Deleting the pods of dead silos (its <c>DeleteDefunctSiloPods</c>) is not used.</summary>
    public static IReadOnlyList<string> PodVerbs { get; } = ["get", "list", "watch", "patch"];

    /// <summary>What is wrong with running under Kubernetes with these settings and this process environment (the
    /// variables Orleans' Kubernetes hosting reads itself); empty when nothing is, or when <see cref="Enabled"/> is off.</summary>
    internal IEnumerable<string> Problems(ClusterEndpointOptions endpoints, ClusterStorageProvider provider, Func<string, string?> environment)
    {
        if (!Enabled) yield break;
        if (provider != ClusterStorageProvider.Postgres)
            yield return $"{SectionName}:Enabled requires {ClusterStorageOptions.SectionName}:Provider=Postgres (the silos' membership table); it is {provider}.";
        foreach (var variable in new[] { KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable })
            if (string.IsNullOrWhiteSpace(environment(variable)))
                yield return $"{SectionName}:Enabled requires the environment variable {variable} (downward API, see k8s/base/silo-deployment.yaml).";
        var podIp = environment(KubernetesHostingOptions.PodIPEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(podIp) && string.IsNullOrWhiteSpace(endpoints.AdvertisedAddress))
            yield return $"{SectionName}:Enabled requires the environment variable {KubernetesHostingOptions.PodIPEnvironmentVariable} " +
                $"(downward API status.podIP) or {ClusterEndpointOptions.SectionName}:AdvertisedAddress.";
        else if (!string.IsNullOrWhiteSpace(podIp) && !System.Net.IPAddress.TryParse(podIp, out _))
            yield return $"The environment variable {KubernetesHostingOptions.PodIPEnvironmentVariable} must be an IP address, got '{podIp}'.";
        // Orleans' Kubernetes hosting takes the ids from these variables when they are set; ours come from Cluster:ClusterId
        // and Cluster:ServiceId. Both must say the same, or the pod labels, the pod watcher and the membership table disagree.
        foreach (var (variable, setting, value) in new[]
                 {
                     (KubernetesHostingOptions.ClusterIdEnvironmentVariable, "ClusterId", endpoints.ClusterId),
                     (KubernetesHostingOptions.ServiceIdEnvironmentVariable, "ServiceId", endpoints.ServiceId),
                 })
        {
            if (environment(variable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment)
                && !string.Equals(fromEnvironment, value, StringComparison.Ordinal))
                yield return $"The environment variable {variable} ('{fromEnvironment}') and {ClusterEndpointOptions.SectionName}:{setting} ('{value}') must agree.";
        }
    }
}

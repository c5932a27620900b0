using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>What Orleans' Kubernetes hosting (<c>Cluster__Kubernetes__Enabled</c>, <c>UseKubernetesHosting</c>) needs from
/// every rendered overlay: the silo pods' service account bound to a Role with exactly the pod verbs it uses, the token
/// mounted in the silo pods only, the downward-API variables, and the cluster and service ids agreeing between the pod
/// labels, the variables Orleans reads and our own settings. And the schema step: a Job once per rollout, silos that
/// only verify the schema, within the startup probe's budget.</summary>
[Trait("Category", "Deployment")]
public sealed class KubernetesHostingTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    // What Orleans.Hosting.Kubernetes 10.4 (KubernetesClusterAgent) calls on pods: ReadNamespacedPod, PatchNamespacedPod
    // (its own labels), ListNamespacedPod and WatchListNamespacedPod. DeleteNamespacedPod only with DeleteDefunctSiloPods,
    // which we leave off. Kept in step with ClusterKubernetesOptions.PodVerbs.
    private static readonly string[] PodVerbs = ["get", "list", "patch", "watch"];

    [Theory, MemberData(nameof(Overlays))]
    public void The_silo_service_account_is_bound_to_a_role_with_exactly_the_pod_verbs_of_kubernetes_hosting(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var account = rendered.Silo.PodSpec.At("serviceAccountName").Text();
        Assert.Equal("silo", account);
        var serviceAccount = rendered.Get("ServiceAccount", account!);
        var ns = rendered.Silo.Root.At("metadata", "namespace").Text();

        var bindings = rendered.OfKind("RoleBinding")
            .Where(b => b.Root.At("subjects").Items().Any(s => s.At("kind").Text() == "ServiceAccount" && s.At("name").Text() == account))
            .ToList();
        var binding = Assert.Single(bindings);
        Assert.Equal(ns, binding.Root.At("metadata", "namespace").Text());
        var subject = binding.Root.At("subjects").Items().Single(s => s.At("name").Text() == account);
        Assert.Equal(serviceAccount.Root.At("metadata", "namespace").Text(), subject.At("namespace").Text());
        Assert.Equal("Role", binding.Root.At("roleRef", "kind").Text());
        var role = rendered.Get("Role", binding.Root.At("roleRef", "name").Text()!);
        Assert.Equal(ns, role.Root.At("metadata", "namespace").Text());

        var rule = Assert.Single(role.Root.At("rules").Items());
        Assert.Equal([""], rule.At("apiGroups").Items().Select(i => i.Text()));
        Assert.Equal(["pods"], rule.At("resources").Items().Select(i => i.Text()));
        Assert.Equal(PodVerbs, rule.At("verbs").Items().Select(i => i.Text()!).Order());
        Assert.Null(rule.At("resourceNames"));
        // Nothing cluster-wide.
        Assert.Empty(rendered.OfKind("ClusterRole"));
        Assert.Empty(rendered.OfKind("ClusterRoleBinding"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Only_the_silo_pods_mount_a_service_account_token(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        Assert.Equal("true", rendered.Silo.PodSpec.At("automountServiceAccountToken").Text());
        // The account does not hand its token to any other pod that names it.
        Assert.Equal("false", rendered.Get("ServiceAccount", "silo").Root.At("automountServiceAccountToken").Text());
        foreach (var workload in rendered.All.Where(m => m.IsWorkload && m != rendered.Silo))
            Assert.True(workload.PodSpec.At("automountServiceAccountToken").Text() == "false",
                $"{workload} mounts a service account token it has no use for");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Kubernetes_hosting_is_on_with_the_pod_variables_from_the_downward_api(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        Assert.Equal("true", rendered.Setting(silo, "Cluster__Kubernetes__Enabled"));
        Assert.Equal("Postgres", rendered.Setting(silo, "Cluster__Storage__Provider"));
        var env = silo.At("env").Items().ToList();
        Assert.Equal("metadata.name", Downward(env, "POD_NAME"));
        Assert.Equal("metadata.namespace", Downward(env, "POD_NAMESPACE"));
        Assert.Equal("status.podIP", Downward(env, "POD_IP"));
        // Each defined once: a later duplicate would silently win.
        foreach (var variable in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID" })
            Assert.Single(env, e => e.At("name").Text() == variable);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Orleans_ids_agree_between_pod_labels_orleans_variables_and_our_settings(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        var env = silo.At("env").Items().ToList();
        var labels = rendered.Silo.PodLabels;
        foreach (var (label, variable, setting) in new[]
                 {
                     ("orleans/clusterId", "ORLEANS_CLUSTER_ID", "Cluster__ClusterId"),
                     ("orleans/serviceId", "ORLEANS_SERVICE_ID", "Cluster__ServiceId"),
                 })
        {
            Assert.True(labels.TryGetValue(label, out var labelled), $"the silo pods have no label {label}");
            Assert.Equal($"metadata.labels['{label}']", Downward(env, variable));
            Assert.Equal(labelled, rendered.Setting(silo, setting));
            // The admin bot (a client) joins the same cluster.
            Assert.Equal(labelled, rendered.Setting(rendered.Get("Deployment", "adminbot").Container("adminbot"), setting));
        }
        // The Deployment selects its pods by a label that the Orleans labels never replace.
        Assert.DoesNotContain(rendered.Silo.Root.At("spec", "selector", "matchLabels").AsStringMap().Keys, k => k.StartsWith("orleans/", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_schema_step_runs_once_as_a_job_of_the_silo_image_against_the_silos_database(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var job = rendered.Get("Job", "silo-schema");
        var containers = job.PodSpec.At("containers").Items().ToList();
        var schema = Assert.Single(containers);
        Assert.Equal(rendered.SiloContainer.At("image").Text(), schema.At("image").Text());
        Assert.Equal(["schema"], schema.At("args").Items().Select(a => a.Text()));
        Assert.Null(schema.At("command")); // the image's entrypoint: dotnet /app/Cluster.Silo.dll
        Assert.Contains(job.PodSpec.At("restartPolicy").Text(), new[] { "OnFailure", "Never" });
        Assert.True(int.Parse(job.Root.At("spec", "backoffLimit").Text() ?? "6", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Null(job.Root.At("spec", "parallelism")); // one pod at a time (default 1)
        Assert.NotNull(job.Root.At("spec", "ttlSecondsAfterFinished")); // so the next release can create it again
        // The same database as the silos: provider and connection string (a literal with the same Secret references, or
        // the same Secret key).
        foreach (var setting in new[] { "Cluster__Storage__Provider" })
            Assert.Equal(rendered.Setting(rendered.SiloContainer, setting), rendered.Setting(schema, setting));
        Assert.Equal(ConnectionSource(rendered, rendered.SiloContainer), ConnectionSource(rendered, schema));
        Assert.NotNull(ConnectionSource(rendered, schema));
        // Not a silo: no Kubernetes API, no ports, no probes.
        Assert.Null(schema.At("ports"));
        Assert.Null(schema.At("readinessProbe"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_only_verify_the_schema_and_give_up_waiting_before_the_startup_probe_does(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        Assert.Equal("Verify", rendered.Setting(silo, "Cluster__Storage__Schema"));
        var wait = TimeSpan.Parse(rendered.Setting(silo, "Cluster__Storage__SchemaWaitTimeout") ?? "00:01:00", System.Globalization.CultureInfo.InvariantCulture);
        var startup = silo.At("startupProbe");
        Assert.NotNull(startup);
        var budget = Seconds(startup.At("periodSeconds"), 10) * Seconds(startup.At("failureThreshold"), 3) + Seconds(startup.At("initialDelaySeconds"), 0);
        // The silo's own one-line reason ("run the schema step") must be what ends the wait, not the kubelet's kill.
        Assert.True(wait.TotalSeconds < budget,
            $"Cluster__Storage__SchemaWaitTimeout ({wait.TotalSeconds} s) must be shorter than the startup probe's budget ({budget} s)");
    }

    // The downward-API field an env variable comes from, or null.
    private static string? Downward(IEnumerable<YamlNode> env, string variable)
        => env.LastOrDefault(e => e.At("name").Text() == variable).At("valueFrom", "fieldRef", "fieldPath").Text();

    private static int Seconds(YamlNode? node, int fallback)
        => node.Text() is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    // Where a container's connection string comes from: "secret:name/key", or the literal with each $(VAR) replaced by
    // the Secret key VAR comes from.
    private static string? ConnectionSource(RenderedManifests rendered, YamlNode container)
    {
        var env = container.At("env").Items().ToList();
        var variable = env.LastOrDefault(e => e.At("name").Text() == "Cluster__Storage__ConnectionString");
        if (variable is null) return rendered.Setting(container, "Cluster__Storage__ConnectionString");
        if (variable.At("valueFrom", "secretKeyRef") is { } reference)
            return $"secret:{reference.At("name").Text()}/{reference.At("key").Text()}";
        var literal = variable.At("value").Text() ?? "";
        return System.Text.RegularExpressions.Regex.Replace(literal, @"\$\((\w+)\)", m =>
        {
            var source = env.LastOrDefault(e => e.At("name").Text() == m.Groups[1].Value).At("valueFrom", "secretKeyRef");
            return source is null ? m.Value : $"$(secret:{source.At("name").Text()}/{source.At("key").Text()})";
        });
    }
}

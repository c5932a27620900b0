using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>What every overlay must promise once rendered (`kubectl kustomize k8s/overlays/X`): probes, graceful
/// shutdown that fits the grace period, resources, disruption budget, autoscaler, spreading, pinned images, a headless
/// peer Service, the Orleans settings (pod IP advertised, gateway port, cluster certificate mounted from a Secret, none
/// of the old runtime's settings) and no secret value in the manifests.</summary>
[Trait("Category", "Deployment")]
public sealed partial class ManifestInvariantsTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    // Environment variables whose value is a secret: they must come from a Secret, never as a literal.
    private static readonly string[] SecretSettingMarkers = ["Secret", "ApiHash", "EncryptionKey", "Token", "Password"];

    [Theory, MemberData(nameof(Overlays))]
    public void Overlay_renders_a_silo_deployment_and_the_admin_bot(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        Assert.Equal("silo", rendered.Silo.Name);
        Assert.NotNull(rendered.Get("Deployment", "adminbot"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silo_containers_have_readiness_and_liveness_probes_on_the_health_routes(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        var httpPort = rendered.Setting(silo, "Silo__HttpPort") ?? "8080";
        Assert.Equal("/health/ready", silo.At("readinessProbe", "httpGet", "path").Text());
        Assert.Equal("/health/live", silo.At("livenessProbe", "httpGet", "path").Text());
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            Assert.Equal(httpPort, ResolvePort(silo, silo.At(probe, "httpGet", "port").Text()));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silo_has_a_preStop_hook(string overlay)
    {
        var silo = Kustomize.Render(overlay).SiloContainer;
        var preStop = silo.At("lifecycle", "preStop");
        Assert.True(preStop is YamlMappingNode { Children.Count: > 0 }, "the silo container has no lifecycle.preStop hook");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Termination_grace_period_exceeds_the_preStop_pause_plus_the_silo_shutdown_timeout(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        var shutdownText = rendered.Setting(silo, "Silo__ShutdownTimeout");
        Assert.False(string.IsNullOrEmpty(shutdownText), "Silo__ShutdownTimeout is not set for the silo container (ConfigMap or env)");
        var shutdown = TimeSpan.Parse(shutdownText!, System.Globalization.CultureInfo.InvariantCulture);
        var grace = int.Parse(rendered.Silo.PodSpec.At("terminationGracePeriodSeconds").Text() ?? "30", System.Globalization.CultureInfo.InvariantCulture);
        var pause = PreStopSeconds(silo);
        Assert.True(grace > pause + shutdown.TotalSeconds,
            $"terminationGracePeriodSeconds ({grace}) must exceed the preStop pause ({pause} s) + Silo__ShutdownTimeout ({shutdown.TotalSeconds} s)");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_container_sets_cpu_and_memory_requests_and_limits(string overlay)
    {
        foreach (var workload in Kustomize.Render(overlay).All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        foreach (var bound in new[] { "requests", "limits" })
        foreach (var resource in new[] { "cpu", "memory" })
            Assert.False(string.IsNullOrEmpty(container.At("resources", bound, resource).Text()),
                $"{workload} container '{container.At("name").Text()}' has no resources.{bound}.{resource}");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_have_a_disruption_budget_and_an_autoscaler(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var labels = rendered.Silo.PodLabels;
        var budgets = rendered.OfKind("PodDisruptionBudget").Where(p => Selects(p.Root.At("spec", "selector", "matchLabels"), labels)).ToList();
        Assert.True(budgets.Count == 1, $"expected one PodDisruptionBudget selecting the silo pods, found {budgets.Count}");
        Assert.True(budgets[0].Root.At("spec", "maxUnavailable") is not null || budgets[0].Root.At("spec", "minAvailable") is not null);

        var autoscaler = rendered.OfKind("HorizontalPodAutoscaler")
            .SingleOrDefault(h => h.Root.At("spec", "scaleTargetRef", "kind").Text() == "Deployment" && h.Root.At("spec", "scaleTargetRef", "name").Text() == "silo");
        Assert.NotNull(autoscaler);
        var min = int.Parse(autoscaler.Root.At("spec", "minReplicas").Text() ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var max = int.Parse(autoscaler.Root.At("spec", "maxReplicas").Text()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(min >= 2, $"the silo autoscaler's minReplicas is {min}: a single silo cannot hand its grains over to anyone");
        Assert.True(max >= min, $"maxReplicas ({max}) is below minReplicas ({min})");
        Assert.Null(rendered.Silo.Root.At("spec", "replicas"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_are_spread_across_nodes_by_pod_anti_affinity(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var antiAffinity = rendered.Silo.PodSpec.At("affinity", "podAntiAffinity");
        var terms = antiAffinity.At("preferredDuringSchedulingIgnoredDuringExecution").Items().Select(t => t.At("podAffinityTerm"))
            .Concat(antiAffinity.At("requiredDuringSchedulingIgnoredDuringExecution").Items())
            .ToList();
        Assert.Contains(terms, t => t.At("topologyKey").Text() == "kubernetes.io/hostname"
                                    && Selects(t.At("labelSelector", "matchLabels"), rendered.Silo.PodLabels));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_image_is_pinned_by_a_tag_that_is_not_latest(string overlay)
    {
        foreach (var workload in Kustomize.Render(overlay).All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        {
            var image = container.At("image").Text() ?? "";
            var tag = ImageTag(image);
            Assert.True(tag is not null && tag != "latest",
                $"{workload} container '{container.At("name").Text()}' uses image '{image}', which is not pinned by a tag (other than latest)");
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silo_peers_have_a_headless_service_on_the_silo_port(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var siloPort = rendered.Setting(rendered.SiloContainer, "Cluster__SiloPort") ?? "11111";
        var headless = rendered.OfKind("Service")
            .Where(s => s.Root.At("spec", "clusterIP").Text() == "None" && Selects(s.Root.At("spec", "selector"), rendered.Silo.PodLabels))
            .ToList();
        Assert.True(headless.Count == 1, $"expected one headless Service (clusterIP: None) over the silo pods, found {headless.Count}");
        Assert.Contains(headless[0].Root.At("spec", "ports").Items(), p => p.At("port").Text() == siloPort);
        Assert.Equal("true", headless[0].Root.At("spec", "publishNotReadyAddresses").Text());
        Assert.Contains(rendered.SiloContainer.At("ports").Items(), p => p.At("containerPort").Text() == siloPort);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_advertise_their_own_pod_ip_and_are_named_after_their_pod(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        var env = silo.At("env").Items().ToList();
        // Either Cluster__AdvertisedAddress = $(X) with X the pod IP, or none at all and POD_IP set (the silo takes it).
        var advertised = env.LastOrDefault(e => e.At("name").Text() == "Cluster__AdvertisedAddress");
        string podIpVariable = "POD_IP";
        if (advertised is not null)
        {
            var match = Regex.Match(advertised.At("value").Text() ?? "", @"^\$\((?<var>\w+)\)$");
            Assert.True(match.Success, $"Cluster__AdvertisedAddress is '{advertised.At("value").Text()}', expected $(POD_IP)");
            podIpVariable = match.Groups["var"].Value;
        }
        else
            Assert.Null(rendered.Setting(silo, "Cluster__AdvertisedAddress")); // one address in a ConfigMap would be every silo's
        Assert.Equal("status.podIP", DownwardField(env, podIpVariable));
        Assert.Equal("status.podIP", DownwardField(env, "POD_IP"));
        Assert.Equal("metadata.name", DownwardField(env, "POD_NAME"));
        Assert.Equal("metadata.namespace", DownwardField(env, "POD_NAMESPACE"));
        // The silo's name is POD_NAME, set by Orleans' Kubernetes hosting: on, and no second name that could disagree.
        Assert.Equal("true", rendered.Setting(silo, "Cluster__Kubernetes__Enabled"));
        Assert.Null(rendered.Setting(silo, "Orleans__Name"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_expose_the_gateway_port_to_clients(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var gatewayPort = rendered.Setting(rendered.SiloContainer, "Cluster__GatewayPort") ?? "30000";
        var siloPort = rendered.Setting(rendered.SiloContainer, "Cluster__SiloPort") ?? "11111";
        Assert.NotEqual(siloPort, gatewayPort);
        Assert.Contains(rendered.SiloContainer.At("ports").Items(), p => p.At("containerPort").Text() == gatewayPort);
        var headless = rendered.OfKind("Service")
            .Single(s => s.Root.At("spec", "clusterIP").Text() == "None" && Selects(s.Root.At("spec", "selector"), rendered.Silo.PodLabels));
        Assert.Contains(headless.Root.At("spec", "ports").Items(), p => p.At("port").Text() == gatewayPort);
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Silos_and_admin_bot_read_the_cluster_certificate_from_a_mounted_tls_secret(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var secretNames = new HashSet<string>();
        foreach (var (workload, containerName) in new[] { ("silo", "silo"), ("adminbot", "adminbot") })
        {
            var manifest = rendered.Get("Deployment", workload);
            var container = manifest.Container(containerName);
            Assert.NotEqual("Disabled", rendered.Setting(container, "Cluster__Tls__Mode"));
            foreach (var (setting, key) in new[] { ("Cluster__Tls__CertificatePath", "tls.crt"), ("Cluster__Tls__KeyPath", "tls.key") })
            {
                var path = rendered.Setting(container, setting);
                Assert.False(string.IsNullOrEmpty(path), $"{manifest}: {setting} is not set");
                var mount = container.At("volumeMounts").Items()
                    .SingleOrDefault(m => path!.StartsWith((m.At("mountPath").Text() ?? "").TrimEnd('/') + "/", StringComparison.Ordinal));
                Assert.True(mount is not null, $"{manifest}: {setting} = {path} is not under any volume mount");
                var volume = manifest.PodSpec.At("volumes").Items().Single(v => v.At("name").Text() == mount.At("name").Text());
                var secretName = volume.At("secret", "secretName").Text();
                Assert.True(!string.IsNullOrEmpty(secretName), $"{manifest}: {setting} = {path} is on volume '{volume.At("name").Text()}', which is not a Secret");
                secretNames.Add(secretName!);
                // A kubernetes.io/tls Secret has the keys tls.crt and tls.key: the file is the key, or an item mapped from it.
                var file = path![((mount.At("mountPath").Text() ?? "").TrimEnd('/').Length + 1)..];
                var items = volume.At("secret", "items").Items().ToList();
                var mappedFrom = items.Count == 0 ? file : items.SingleOrDefault(i => i.At("path").Text() == file).At("key").Text();
                Assert.True(mappedFrom == key, $"{manifest}: {setting} = {path} should be the Secret's key {key}");
            }
        }
        Assert.True(secretNames.Count == 1, $"the silos and the admin bot must share one cluster certificate, found Secrets {string.Join(", ", secretNames)}");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Admin_bot_joins_the_silos_cluster_through_the_same_membership_table(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var adminBot = rendered.Get("Deployment", "adminbot").Container("adminbot");
        foreach (var setting in new[] { "Cluster__ClusterId", "Cluster__Storage__Provider" })
        {
            Assert.NotNull(rendered.Setting(rendered.SiloContainer, setting));
            Assert.Equal(rendered.Setting(rendered.SiloContainer, setting), rendered.Setting(adminBot, setting));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void No_workload_sets_a_setting_of_the_old_runtime(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var workload in rendered.All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        foreach (var gone in RemovedSettings)
            Assert.True(container.At("env").Items().All(e => e.At("name").Text() != gone) && rendered.Setting(container, gone) is null,
                $"{workload} sets {gone}, which the Orleans silos no longer read");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_variable_reference_in_an_env_value_is_defined_earlier_in_the_same_container(string overlay)
    {
        foreach (var workload in Kustomize.Render(overlay).All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        {
            var defined = new HashSet<string>();
            foreach (var variable in container.At("env").Items())
            {
                foreach (Match reference in VariableReference().Matches(variable.At("value").Text() ?? ""))
                    Assert.True(defined.Contains(reference.Groups[1].Value),
                        $"{workload}: env {variable.At("name").Text()} uses $({reference.Groups[1].Value}), which is not defined before it (Kubernetes would pass it on literally)");
                defined.Add(variable.At("name").Text() ?? "");
            }
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Secret_settings_come_from_secrets_and_never_as_literal_values(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        foreach (var workload in rendered.All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        {
            var env = container.At("env").Items().ToList();
            var fromSecrets = env.Where(e => e.At("valueFrom", "secretKeyRef") is not null).Select(e => e.At("name").Text()).ToHashSet();
            foreach (var variable in env)
            {
                var name = variable.At("name").Text() ?? "";
                var literal = variable.At("value").Text();
                if (IsSecretSetting(name))
                    Assert.True(variable.At("valueFrom", "secretKeyRef") is not null && literal is null,
                        $"{workload}: env {name} is a secret and must come from a secretKeyRef, not a literal");
                if (literal is not null && name.EndsWith("ConnectionString", StringComparison.Ordinal))
                {
                    var password = ConnectionPassword().Match(literal);
                    Assert.True(!password.Success || (password.Groups["ref"].Success && fromSecrets.Contains(password.Groups["ref"].Value)),
                        $"{workload}: env {name} holds a literal password; use Password=$(VAR) with VAR from a Secret, or the whole string from a Secret");
                }
            }
        }
        foreach (var map in rendered.OfKind("ConfigMap"))
        foreach (var key in map.Root.At("data").AsStringMap().Keys)
            Assert.False(IsSecretSetting(key) || key.EndsWith("ConnectionString", StringComparison.Ordinal),
                $"{map} holds {key}, a secret: it belongs in the Secret");
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Rendered_secrets_come_only_from_the_generator_of_the_uncommitted_template(string overlay)
    {
        foreach (var secret in Kustomize.Render(overlay).OfKind("Secret"))
        {
            Assert.Matches(@"-[a-z0-9]{10}$", secret.Name);
            foreach (var (key, value) in secret.Root.At("data").AsStringMap())
                Assert.Equal(Kustomize.PlaceholderPrefix + key, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            Assert.Null(secret.Root.At("stringData"));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Every_secret_and_config_map_a_container_reads_is_rendered_with_that_key(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var secretKeys = rendered.OfKind("Secret")
            .Select(s => (s.Name, Keys: s.Root.At("data").AsStringMap().Keys))
            .Concat(rendered.OfKind("ExternalSecret").Select(e => (
                Name: e.Root.At("spec", "target", "name").Text() ?? e.Name,
                Keys: e.Root.At("spec", "data").Items().Select(d => d.At("secretKey").Text() ?? ""))))
            .GroupBy(s => s.Name)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.Keys).ToHashSet());
        foreach (var workload in rendered.All.Where(m => m.IsWorkload))
        foreach (var container in workload.AllContainers)
        {
            foreach (var reference in container.At("env").Items().Select(e => e.At("valueFrom", "secretKeyRef")).Where(r => r is not null))
            {
                var name = reference.At("name").Text() ?? "";
                var key = reference.At("key").Text() ?? "";
                Assert.True(secretKeys.TryGetValue(name, out var keys) && keys.Contains(key),
                    $"{workload} reads key '{key}' of Secret '{name}', which no rendered Secret or ExternalSecret provides");
            }
            foreach (var mapName in container.At("envFrom").Items().Select(f => f.At("configMapRef", "name").Text()).OfType<string>())
                Assert.NotNull(rendered.Get("ConfigMap", mapName));
        }
    }

    [Theory, MemberData(nameof(Overlays))]
    public void Admin_bot_runs_a_single_replica_replaced_with_the_Recreate_strategy(string overlay)
    {
        var adminBot = Kustomize.Render(overlay).Get("Deployment", "adminbot");
        Assert.Equal("1", adminBot.Root.At("spec", "replicas").Text());
        Assert.Equal("Recreate", adminBot.Root.At("spec", "strategy", "type").Text());
    }

    [Theory, MemberData(nameof(Overlays))]
    public void The_dashboard_has_a_service_on_the_silo_http_port(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var dashboard = rendered.Get("Service", "silo-dashboard");
        Assert.NotEqual("None", dashboard.Root.At("spec", "clusterIP").Text());
        Assert.True(Selects(dashboard.Root.At("spec", "selector"), rendered.Silo.PodLabels));
        var target = dashboard.Root.At("spec", "ports").Items().Single().At("targetPort").Text();
        Assert.Equal(rendered.Setting(rendered.SiloContainer, "Silo__HttpPort") ?? "8080", ResolvePort(rendered.SiloContainer, target));
    }

    // Settings of the runtime before Orleans: a manifest that still sets one describes a cluster that no longer exists.
    private static readonly string[] RemovedSettings =
    [
        "Cluster__Secret", "Cluster__Membership__Address", "Cluster__Membership__HostName", "Cluster__Membership__HeartbeatInterval",
        "Cluster__Membership__DeathTimeout", "Cluster__Membership__Lease", "Cluster__DrainTimeout",
    ];

    // The downward-API field an env variable of the container comes from, or null.
    private static string? DownwardField(IEnumerable<YamlNode> env, string variable)
        => env.LastOrDefault(e => e.At("name").Text() == variable).At("valueFrom", "fieldRef", "fieldPath").Text();

    private static bool IsSecretSetting(string name)
        => name.Split("__").Any(part => SecretSettingMarkers.Any(marker => part.Contains(marker, StringComparison.OrdinalIgnoreCase)));

    private static bool Selects(YamlNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        var wanted = selector.AsStringMap();
        return wanted.Count > 0 && wanted.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }

    // A named port ("http") is looked up in the container's ports; a number is returned as is.
    private static string? ResolvePort(YamlNode container, string? port)
        => port is not null && !port.All(char.IsDigit)
            ? container.At("ports").Items().SingleOrDefault(p => p.At("name").Text() == port).At("containerPort").Text()
            : port;

    private static double PreStopSeconds(YamlNode container)
    {
        var preStop = container.At("lifecycle", "preStop");
        if (preStop.At("sleep", "seconds").Text() is { } sleep) return double.Parse(sleep, System.Globalization.CultureInfo.InvariantCulture);
        var command = preStop.At("exec", "command").Items().Select(i => i.Text() ?? "").ToList();
        var seconds = SleepSeconds().Match(string.Join(' ', command));
        return seconds.Success ? double.Parse(seconds.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    // The tag of an image reference (registry:port/path/name:tag@digest): after the last ':' of the last path part.
    private static string? ImageTag(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastPart = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        var colon = lastPart.IndexOf(':');
        return colon < 0 || colon == lastPart.Length - 1 ? null : lastPart[(colon + 1)..];
    }

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"Password=(\$\((?<ref>\w+)\)|[^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionPassword();

    [GeneratedRegex(@"\bsleep\s+(\d+(?:\.\d+)?)")]
    private static partial Regex SleepSeconds();
}

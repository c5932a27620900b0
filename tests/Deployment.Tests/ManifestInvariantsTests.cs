using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cluster.Deployment.Tests;

/// <summary>What every overlay must promise once rendered (`kubectl kustomize k8s/overlays/X`): probes, graceful
/// shutdown that fits the grace period, resources, disruption budget, autoscaler, spreading, pinned images, a headless
/// peer Service and no secret value in the manifests.</summary>
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
        var drainText = rendered.Setting(silo, "Cluster__DrainTimeout");
        if (drainText is not null)
            Assert.True(TimeSpan.Parse(drainText, System.Globalization.CultureInfo.InvariantCulture) < shutdown,
                $"Cluster__DrainTimeout ({drainText}) must be shorter than Silo__ShutdownTimeout ({shutdownText}); the silo refuses to start otherwise");
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
    public void Silos_announce_their_own_pod_address_on_the_silo_port(string overlay)
    {
        var rendered = Kustomize.Render(overlay);
        var silo = rendered.SiloContainer;
        var env = silo.At("env").Items().ToList();
        var address = env.Single(e => e.At("name").Text() == "Cluster__Membership__Address").At("value").Text() ?? "";
        var siloPort = rendered.Setting(silo, "Cluster__SiloPort") ?? "11111";
        var match = Regex.Match(address, @"^http://\$\((?<var>\w+)\):(?<port>\d+)$");
        Assert.True(match.Success, $"Cluster__Membership__Address is '{address}', expected http://$(POD_IP):{siloPort}");
        Assert.Equal(siloPort, match.Groups["port"].Value);
        var source = env.First(e => e.At("name").Text() == match.Groups["var"].Value);
        Assert.Equal("status.podIP", source.At("valueFrom", "fieldRef", "fieldPath").Text());
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
